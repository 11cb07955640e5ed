/** Admin: which yearly acuerdos are loaded, a form to load one, and its preview (what moves) with a button to confirm. */
import type { AuthUser } from '../../app/auth';
import type { ClosuresResult } from '../../app/closures/loadClosures';
import { AGENCIES } from '../../domain';
import { catalogue, ruleText, type Lang } from '../../domain/messages/catalogue';
import { agencyName } from '../../domain/messages/computationText';
import { fmtWhen } from '../../domain/messages/dateWords';
import { attr, html, type Html } from './html';
import { page } from './layout';

export interface ClosuresPageInput {
  user: AuthUser;
  lang: Lang;
  /** Years with a yearly acuerdo loaded, by authority. */
  loaded: Map<string, number[]>;
  /** The year the 1 Dec check asks for. */
  nextYear: number;
  form?: Record<string, string>;
  preview?: ClosuresResult;
  flash?: string | null;
  error?: { message: string; field: string | null } | null;
}

const FIELDS = ['authority', 'office', 'year', 'citation', 'published', 'url', 'dates'] as const;

export function closuresPage(p: ClosuresPageInput): Html {
  const w = catalogue(p.lang).closures;
  const f = p.form ?? {};
  const v = (k: string, d = '') => f[k] ?? d;
  const due = (d: { due: string; dueLatest: string }) => `${fmtWhen(d.due, p.lang)}${d.dueLatest !== d.due ? ` (${fmtWhen(d.dueLatest, p.lang)})` : ''}`;
  const loadedRows = AGENCIES.map((a) => {
    const years = p.loaded.get(a) ?? [];
    return html`<tr data-authority="${a}"><td>${agencyName(a, p.lang)}</td><td>${years.length ? years.join(', ') : html`<span class="muted">${w.none}</span>`}${
      years.includes(p.nextYear) ? '' : html` · <strong>${w.missingNext(p.nextYear)}</strong>`
    }</td></tr>`;
  });
  const pv = p.preview;
  const previewBlock = pv
    ? html`<section id="closures-preview" class="card"><h2>${w.previewTitle}</h2>
<p>${w.closuresOf(pv.overlays.length)}: ${pv.overlays.map((o) => (o.start === o.end ? fmtWhen(o.start, p.lang) : `${fmtWhen(o.start, p.lang)} – ${fmtWhen(o.end, p.lang)}`)).join(' · ')}</p>
${
  pv.alreadyLoaded
    ? html`<p class="flash">${w.alreadyLoaded}</p>`
    : html`${
        pv.changes.length === 0
          ? html`<p>${w.nothingMoves}</p>`
          : html`<table id="closure-changes"><thead><tr><th>${w.caseCol}</th><th>${w.deadlineCol}</th><th>${w.dueNow}</th><th>${w.dueAfter}</th></tr></thead><tbody>${pv.changes.map(
              (c) =>
                html`<tr><td><a href="/cases/${encodeURIComponent(c.caseId)}">${c.caseId}</a></td><td>${ruleText(c.ruleId, p.lang, c.title).title}</td><td>${due(c.from)}</td><td><strong>${due(c.to)}</strong></td></tr>`,
            )}</tbody></table>`
      }
${pv.unreadable.length ? html`<p class="error">${w.unreadable}: ${pv.unreadable.map((id) => html`<a href="/cases/${encodeURIComponent(id)}">${id}</a> `)}</p>` : ''}
<form method="post" action="/admin/closures">${FIELDS.map((k) => html`<input type="hidden" name="${k}" value="${v(k)}">`)}
<button class="primary" type="submit">${w.confirm(new Set(pv.changes.map((c) => c.caseId)).size)}</button></form>`
}</section>`
    : '';
  return page(
    { title: w.title, lang: p.lang, user: p.user, path: '/admin/closures', flash: p.flash, error: p.error },
    html`<h1>${w.title}</h1><p class="muted">${w.intro}</p>
${previewBlock}
<form id="closures-form" class="stack card" method="post" action="/admin/closures/preview"><h2>${w.formTitle}</h2>
<div class="grid"><div>
<label>${w.authority}<select name="authority">${AGENCIES.map((a) => html`<option value="${a}"${attr(v('authority', 'TFJA') === a, 'selected')}>${agencyName(a, p.lang)}</option>`)}</select></label>
<label>${w.office}<input name="office" value="${v('office')}"></label>
<label>${w.year}<input name="year" inputmode="numeric" required value="${v('year', String(p.nextYear))}"></label>
<label>${w.published}<input name="published" type="date" required value="${v('published')}"></label></div><div>
<label>${w.citation}<textarea name="citation" rows="2" required>${v('citation')}</textarea></label>
<label>${w.url}<input name="url" type="url" value="${v('url')}"></label>
<label>${w.dates}<textarea name="dates" rows="5" required placeholder="2027-02-01, 2027-07-12..2027-07-30">${v('dates')}</textarea></label></div></div>
<button class="primary" type="submit">${w.preview}</button></form>
<h2>${w.loadedTitle}</h2>
<table id="closures-loaded"><thead><tr><th>${w.authority}</th><th>${w.years}</th></tr></thead><tbody>${loadedRows}</tbody></table>`,
  );
}
