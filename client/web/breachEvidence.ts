/**
 * An authority's late duties on a case, as evidence (issue 23 item 3): whose breach, since when, under
 * which article, and what the NGO can do about it (the catalogue's remedies, by rule or by actor).
 * Never the caseworker's alarm: the NGO cannot meet an authority's duty itself.
 */
import { breachText, catalogue, remediesFor, ruleText, type Lang } from '../../domain/messages/catalogue';
import { citationText } from '../../domain/messages/computationText';
import { fmtWhen } from '../../domain/messages/dateWords';
import type { DeadlineView } from '../../app/schemas';
import { html, type Html } from './html';

export function breachEvidence(deadlines: DeadlineView[], lang: Lang): Html {
  const breaches = deadlines.filter((d) => d.urgency === 'breach');
  if (breaches.length === 0) return html``;
  const w = catalogue(lang).duty;
  return html`<section id="authority-breaches" aria-labelledby="authority-breaches-title"><h2 id="authority-breaches-title">${w.breaches}</h2>
<p class="muted">${w.breachesLead}</p>
${breaches.map((d) => {
    const remedies = remediesFor(d.ruleId, d.actor, lang);
    return html`<div class="card breach-card" data-breach="${d.deadlineId}" data-actor="${d.actor}"><h3>${ruleText(d.ruleId, lang, d.title).title}</h3>
<p><strong>${breachText(d, d.remaining?.text ?? '', lang)}</strong> · ${fmtWhen(d.unit === 'hours' ? d.dueInstant : d.due, lang)} · <span class="muted">${citationText(d.citation, lang)}</span></p>
${remedies.length ? html`<p><strong>${w.whatToDo}:</strong></p><ul>${remedies.map((r) => html`<li>${r}</li>`)}</ul>` : ''}</div>`;
  })}</section>`;
}
