/**
 * Admin: the lists of offices (agency, closing hour, zone), places and the words that also name a
 * country; one list at a time, a form to add an entry or change one (the same id replaces it).
 */
import type { AuthUser } from '../../app/auth';
import { AGENCIES } from '../../domain';
import type { ListEntryBase } from '../../domain/lists/adminList';
import { ADMIN_LIST_NAMES, type AdminListName } from '../../domain/lists/lists';
import { nationalityName, nationalityOptions } from '../../domain/lists/nationalities';
import { PLACE_KINDS } from '../../domain/lists/places';
import { catalogue, type Lang } from '../../domain/messages/catalogue';
import { agencyName } from '../../domain/messages/computationText';
import { fieldError, invalidAttr, type FormError } from './fieldError';
import { attr, html, type Html } from './html';
import { page } from './layout';

export interface ListsPageInput {
  user: AuthUser;
  lang: Lang;
  list: AdminListName;
  entries: ListEntryBase[];
  /** The form's values: an entry being changed, or what was typed before a refusal. */
  form?: Record<string, string>;
  /** The id of the entry being changed (its form says so). */
  editing?: string | null;
  flash?: string | null;
  error?: FormError | null;
}

/** An entry's values as the form's inputs hold them. */
export function entryForm(e: ListEntryBase): Record<string, string> {
  const { aliases, active, ...rest } = e as ListEntryBase & Record<string, unknown>;
  return { ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, String(v ?? '')])), aliases: aliases.join('\n'), active: active ? 'on' : '' };
}

/** The API's field ('entry.zone', 'entry.aliases[1]') as the form's input name ('zone', 'aliases'). */
export const inputOf = (field: string | null) => (field ?? '').replace(/^entry\./, '').replace(/\[\d+\]$/, '');

export function listsPage(p: ListsPageInput): Html {
  const w = catalogue(p.lang).lists;
  const kinds = catalogue(p.lang).record.placementKinds;
  const f = p.form ?? { active: 'on' };
  const v = (k: string, d = '') => f[k] ?? d;
  const e = p.error ? { ...p.error, field: inputOf(p.error.field) } : null;
  const labelled = (name: string, label: string, control: Html) => html`<label>${label}${control}${fieldError(e, name)}</label>`;
  const text = (name: string, label: string) => labelled(name, label, html`<input name="${name}" value="${v(name)}"${invalidAttr(e, name)}>`);
  const editingName = p.editing ? (p.entries.find((x) => x.id === p.editing)?.name ?? p.editing) : null;

  const byList: Record<AdminListName, () => Html> = {
    offices: () => html`${text('id', w.id)}${text('name', w.name)}
${labelled('agency', w.agency, html`<select name="agency"${invalidAttr(e, 'agency')}>${AGENCIES.map((a) => html`<option value="${a}"${attr(v('agency', 'COMAR') === a, 'selected')}>${agencyName(a, p.lang)}</option>`)}</select>`)}
${labelled('closesAt', w.closesAt, html`<input name="closesAt" inputmode="numeric" value="${v('closesAt', '18:00')}"${invalidAttr(e, 'closesAt')}>`)}
${text('zone', w.zone)}`,
    places: () => html`${text('id', w.id)}${text('name', w.name)}
${labelled('kind', w.kind, html`<select name="kind"${invalidAttr(e, 'kind')}>${PLACE_KINDS.map((k) => html`<option value="${k}"${attr(v('kind') === k, 'selected')}>${kinds[k] ?? k}</option>`)}</select>`)}
${text('locality', w.locality)}`,
    nationalities: () =>
      labelled('id', w.country, html`<select name="id"${invalidAttr(e, 'id')}>${nationalityOptions(p.lang).map((n) => html`<option value="${n.code.toLowerCase()}"${attr(v('id') === n.code.toLowerCase(), 'selected')}>${n.name}</option>`)}</select>`),
  };

  // Ids, codes and zones are data, not words: marked as identifiers (<code class="id">).
  const details = (x: ListEntryBase & Record<string, unknown>): Html | string =>
    p.list === 'offices'
      ? html`${agencyName(String(x.agency), p.lang)} · ${w.closesAtIn(String(x.closesAt))}, <code class="id">${String(x.zone)}</code>`
      : p.list === 'places'
        ? [kinds[String(x.kind)] ?? String(x.kind), x.locality].filter(Boolean).join(' · ')
        : html`<code class="id">${x.id.toUpperCase()}</code>`;
  const shownName = (x: ListEntryBase) => (p.list === 'nationalities' ? nationalityName(x.id.toUpperCase(), p.lang) : x.name);
  const rows = p.entries.map(
    (x) => html`<tr data-entry="${x.id}"><td data-label="${w.colName}"><strong>${shownName(x)}</strong> <code class="id">${x.id}</code></td><td data-label="${w.colDetails}">${details(x as ListEntryBase & Record<string, unknown>)}</td>
<td data-label="${w.colAliases}">${x.aliases.join(', ')}</td><td data-label="${w.colState}">${x.active ? w.inUse : html`<strong>${w.retired}</strong>`}</td>
<td><a href="/admin/lists?list=${p.list}&edit=${encodeURIComponent(x.id)}#list-form">${w.edit}</a></td></tr>`,
  );
  return page(
    { title: w.title, lang: p.lang, user: p.user, path: `/admin/lists?list=${p.list}`, flash: p.flash, error: p.error },
    html`<h1>${w.title}</h1><p class="muted">${w.intro}</p>
<nav class="tabs" aria-label="${w.title}">${ADMIN_LIST_NAMES.map((l) => html`<a href="/admin/lists?list=${l}"${l === p.list ? html` aria-current="page" class="here"` : ''}>${w.tabs[l]}</a> `)}</nav>
${p.list === 'nationalities' ? html`<p class="muted">${w.nationalitiesNote}</p>` : ''}
<form id="list-form" class="stack card" method="post" action="/admin/lists/${p.list}" novalidate><h2>${editingName ? w.editTitle(editingName) : w.formTitle}</h2>
${byList[p.list]()}
${labelled('aliases', w.aliases, html`<textarea name="aliases" rows="3"${invalidAttr(e, 'aliases')}>${v('aliases')}</textarea>`)}
<label class="check"><input type="checkbox" name="active"${attr(v('active') === 'on', 'checked')}> ${w.active}</label>
<button class="primary" type="submit">${w.save}</button></form>
<h2>${w.tabs[p.list]}</h2>
${p.entries.length ? html`<table id="list-entries" class="cards"><thead><tr><th>${w.colName}</th><th>${w.colDetails}</th><th>${w.colAliases}</th><th>${w.colState}</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>${w.none}</p>`}`,
  );
}
