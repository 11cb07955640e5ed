/**
 * The form to open a case (caseworkers, supervisors, admins): the fields of POST /api/cases, checked by
 * the same schema and commands; an error is shown next to the input it names, with what was typed.
 */
import { idempotencyField } from './idempotencyField';
import { seesEveryCase } from '../../app/access';
import type { AuthUser } from '../../app/auth';
import { nationalityOptions } from '../../domain/lists/nationalities';
import { catalogue, type Lang, words } from '../../domain/messages/catalogue';
import { fieldError, invalidAttr, type FormError } from './fieldError';
import { attr, html, type Html } from './html';
import { page } from './layout';
import type { LikelyDuplicate } from '../../app/cases/likelyDuplicates';
import { ACCOMPANIMENTS, FAMILY_TRACING, IDENTIFIERS, SEXES } from '../../domain/case/events';

export interface NewCasePageInput {
  user: AuthUser;
  lang: Lang;
  people: { id: string; name: string; role: string }[];
  error?: FormError | null;
  form?: Record<string, string>;
  /** The offices in use (admin list), by name. */
  offices?: string[];
  /** A likely duplicate found: the cases it may be, and the confirmation to open it anyway. */
  duplicates?: LikelyDuplicate[];
}

const ASSIGNED = ['caseworker', 'supervisor', 'lawyer'] as const;

export function newCasePage(p: NewCasePageInput): Html {
  const w = words(p.lang);
  const r = catalogue(p.lang).record;
  const f = p.form ?? {};
  const e = p.error;
  const v = (k: string) => f[k] ?? '';
  const input = (name: string, label: string, extra: Html | string = '') =>
    html`<label>${label}<input name="${name}" value="${v(name)}"${extra}${invalidAttr(e, name)}>${fieldError(e, name)}</label>`;
  const dateInput = (name: string, label: string) => input(name, label, html` type="date"`);
  // Who the person is is the first guess for their own role; a role only one person can hold is that
  // person; otherwise the form asks.
  const only = (role: string) => {
    const holders = p.people.filter((x) => x.role === role);
    return holders.length === 1 ? holders[0]!.id : '';
  };
  const chosen = (role: string) => f[`assignments.${role}`] ?? (p.user.role === role ? p.user.id : only(role));
  const select = (role: (typeof ASSIGNED)[number]) => {
    const name = `assignments.${role}`;
    const options = p.people.filter((x) => x.role === role);
    // A person by name; their id only tells two people of the same name apart.
    const twin = (x: { name: string }) => options.filter((y) => y.name === x.name).length > 1;
    return html`<label>${w[role]}<select name="${name}" required${invalidAttr(e, name)}><option value="">—</option>${options.map(
      (x) => html`<option value="${x.id}"${attr(chosen(role) === x.id, 'selected')}>${x.name}${twin(x) ? ` (${x.id})` : ''}</option>`,
    )}</select>${fieldError(e, name)}</label>`;
  };
  // The lists the law keys on (issue 23 item 5): a choice, not free text; the API checks the value again.
  const listSelect = (name: string, label: string, options: { value: string; label: string }[]) =>
    html`<label>${label}<select name="${name}"${invalidAttr(e, name)}><option value="">—</option>${options.map(
      (o) => html`<option value="${o.value}"${attr(v(name) === o.value, 'selected')}>${o.label}</option>`,
    )}</select>${fieldError(e, name)}</label>`;
  const nationalities = nationalityOptions(p.lang).map((n) => ({ value: n.code, label: n.name }));
  const offices = (p.offices ?? []).map((o) => ({ value: o, label: o }));
  const choice = (name: string, label: string, options: readonly string[], names: Record<string, string>) =>
    listSelect(name, label, options.map((o) => ({ value: o, label: names[o] ?? o })));
  const check = (name: string, label: string, hint = '') =>
    html`<label class="check"><input type="checkbox" name="${name}" value="true"${attr(v(name) === 'true', 'checked')}${invalidAttr(e, name)} style="width:auto"> ${label}${hint ? html` <span class="muted">(${hint})</span>` : ''}${fieldError(e, name)}</label>`;
  const duplicates = p.duplicates ?? [];
  const duplicateBox = duplicates.length
    ? html`<div id="duplicate-warning" class="error" role="alert"><strong>${r.duplicateHeading}</strong><ul>${duplicates.map(
        (d) => html`<li>${d.link ? html`<a href="${d.link}">${d.caseId}</a>` : r.duplicateHidden} — ${d.why === 'file_number' ? r.duplicateSameFile : r.duplicateSameChild}</li>`,
      )}</ul><label class="check"><input type="checkbox" name="duplicateConfirmed" value="true" style="width:auto"> ${r.duplicateConfirm}</label></div>`
    : '';
  // Errors without an input of their own (a field the form does not have) stay in the banner at the top.
  return page(
    { title: w.openCase, lang: p.lang, user: p.user, path: '/cases/new', error: e },
    html`<h1>${w.openCase}</h1>
<form id="new-case-form" class="stack card" method="post" action="/cases/new" novalidate>${idempotencyField()}${duplicateBox}<div class="grid"><div>
${input('child.name', w.childName, html` required maxlength="200" autocomplete="off"`)}
${dateInput('child.birthDate', w.birthDate)}
${listSelect('child.nationality', w.nationality, nationalities)}
${dateInput('entryDate', w.entryDate)}
${listSelect('office', w.office, offices)}
<fieldset class="card"><legend>${r.heading}</legend>
${choice('child.sex', r.sex, SEXES, r.sexes)}
${input('child.languages', `${r.languages} (${r.languagesHint})`)}
${check('child.interpreterNeeded', r.interpreterNeeded)}
${choice('child.accompaniment', r.accompaniment, ACCOMPANIMENTS, r.accompaniments)}
${choice('child.familyTracing', r.familyTracing, FAMILY_TRACING, r.familyTracingStates)}
${check('child.ageDisputed', r.ageDisputed, r.ageDisputedHint)}
${input('child.identification.place', r.identifiedAt)}
${choice('child.identification.by', r.identifiedBy, IDENTIFIERS, r.identifiers)}
</fieldset>
</div><div>
<fieldset class="card"><legend>${w.assignments}</legend>${ASSIGNED.map(select)}</fieldset>
${input('fileNumber', w.fileNumber, html` maxlength="64" autocomplete="off"`)}
${seesEveryCase(p.user) ? input('caseId', w.caseIdOptional, html` pattern="[A-Za-z0-9][A-Za-z0-9_-]{0,63}"`) : ''}
${input('organization', w.organization)}
${dateInput('openedAt', w.openedAt)}
</div></div>
<button class="primary" type="submit">${w.open}</button></form>`,
  );
}
