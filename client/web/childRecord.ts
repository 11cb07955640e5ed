/**
 * The child's record on the case page: what a best-interests determination needs (sex, languages and
 * interpreter, accompanied or separated, family tracing, disputed age, where and by whom identified)
 * and where the child has lived, each placement with its kind and dates. In the reader's language.
 */
import type { CaseView } from '../../app/schemas';
import { ACCOMPANIMENTS, FAMILY_TRACING } from '../../domain/case/events';
import { catalogue, type Lang } from '../../domain/messages/catalogue';
import { childRecordRows, placementRows } from '../../app/childRecordText';
import { html, type Html } from './html';

type Field = (label: string, input: Html, types?: string[]) => Html;

/** The event form's inputs for a record update (child_record_updated): each left empty changes nothing. */
export function recordUpdateFields(v: (k: string) => string, lang: Lang, field: Field): Html {
  const r = catalogue(lang).record;
  const types = ['child_record_updated'];
  const select = (name: string, options: readonly string[], names: Record<string, string>) =>
    html`<select name="${name}"><option value="">—</option>${options.map((o) => html`<option value="${o}"${v(name) === o ? html` selected` : ''}>${names[o] ?? o}</option>`)}</select>`;
  const yesNo = { true: r.yes, false: r.no };
  return html`${field(r.familyTracing, select('familyTracing', FAMILY_TRACING, r.familyTracingStates), types)}
${field(r.accompaniment, select('accompaniment', ACCOMPANIMENTS, r.accompaniments), types)}
${field(`${r.languages} (${r.languagesHint})`, html`<input name="languages" value="${v('languages')}">`, types)}
${field(r.interpreterNeeded, select('interpreterNeeded', ['true', 'false'], yesNo), types)}
${field(r.ageDisputed, select('ageDisputed', ['true', 'false'], yesNo), types)}`;
}

export function childRecordCard(c: CaseView, lang: Lang): Html {
  const r = catalogue(lang).record;
  return html`<section id="child-record" class="card"><h2>${r.heading}${c.child.ageDisputed ? html` <span class="badge" id="age-disputed">${r.ageDisputedFlag}</span>` : ''}</h2>
<dl class="record">
${childRecordRows(c, lang).map((x) => html`<div><dt>${x.label}</dt><dd data-record="${x.id}">${x.value}</dd></div>`)}
</dl>
<h3>${r.placements}</h3>
${c.placements.length === 0
  ? html`<p id="no-placements" class="muted">${r.noPlacements}</p>`
  : html`<ul id="placements">${placementRows(c, lang).map((p) => html`<li><strong>${p.place}</strong> · ${p.rest}</li>`)}</ul>`}
</section>`;
}
