/** The supervisor's inbox: what is overdue or nearly due, what was escalated by hand, what could not be delivered. */
import { citationText } from '../../domain/messages/computationText';
import { timelineText } from '../../domain/messages/timelineText';
import type { TimelineDetail } from '../../domain/case/timelineDetail';
import { idempotencyField } from './idempotencyField';
import { ruleText, type Lang, otherLabel, phaseLabel, roleLabel, words, listWords } from '../../domain/messages/catalogue';
import type { AuthUser } from '../../app/auth';
import type { DeadlineListItem } from '../../app/schemas';
import { acknowledgementList } from './acknowledgements';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, type Html } from './html';
import { countdownScript, remainingBadge } from './dangerList';
import { page } from './layout';
import { commonFilterFields } from './listFilters';
import type { CaseFilters } from '../../db/queries/caseFilters';
import type { ScopeOptions } from '../../app/scopeOptions';

export interface InboxInput {
  deadlines: (DeadlineListItem & { caseworkerName: string | null })[];
  /** The cursor of the next page of deadlines, or null on the last one. */
  next: string | null;
  escalations: { case_id: string; at: string; by: string; summary: string; deadline_id: string | null; detail?: TimelineDetail | null; child_name: string }[];
  failed: { case_id: string | null; deadline_id: string | null; subject: string; body: string; created_at: Date }[];
  options: ScopeOptions;
}

/** The inbox's filters as a query string, and the page after `after`. */
function filterSearch(f: CaseFilters, after?: string): string {
  const p = new URLSearchParams();
  for (const k of ['q', 'phase', 'office', 'caseworker'] as const) if (f[k]) p.set(k, f[k]);
  if (after) p.set('after', after);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * Each deadline in danger is a row (a card on a phone): hour-counted alarms first with a live countdown,
 * who holds the case, and the actions, each named for the deadline and case it acts on.
 */
export function inboxPage(user: AuthUser, lang: Lang, inbox: InboxInput, opts: { filters?: CaseFilters & { after?: unknown }; names?: Map<string, string>; flash?: string | null; error?: { message: string; field: string | null } | null }): Html {
  const w = words(lang);
  const lw = listWords(lang);
  const nameOf = (id: string) => opts.names?.get(id) ?? id;
  const caseLink = (id: string) => html`<a href="/cases/${encodeURIComponent(id)}">${id}</a>`;
  const hasClock = inbox.deadlines.some((d) => d.unit === 'hours' && d.remaining);
  const f = opts.filters ?? {};
  const filtered = Boolean(f.q || f.phase || f.office || f.caseworker);
  return page(
    { title: w.inbox, lang, user, path: '/inbox', flash: opts.flash, error: opts.error },
    html`<h1>${w.inbox}</h1>
<h2>${w.overdueNow}</h2>
<form id="inbox-filters" class="filters no-print card" method="get" action="/inbox" role="search" aria-label="${lw.filters}">
${commonFilterFields(f, inbox.options, lang, true)}
<button class="primary" type="submit">${lw.filter}</button>${filtered ? html` <a href="/inbox">${lw.clear}</a>` : ''}</form>
${inbox.deadlines.length === 0 ? html`<p id="inbox-nothing">${filtered ? lw.noMatch : w.nothing}</p>` : html`<table id="inbox-deadlines" class="cards"><thead><tr><th>${w.case}</th><th>${w.rule}</th><th>${w.due}</th><th>${w.left}</th><th><span class="sr-only">${w.acknowledge} · ${w.escalate}</span></th></tr></thead><tbody>
${inbox.deadlines.map((d) => {
      const title = ruleText(d.ruleId, lang, d.title).title;
      const what = lw.deadlineOf(title, d.caseId);
      return html`<tr class="row-${d.urgency}" data-deadline="${d.id}"><td class="wide" data-label="${w.case}">${caseLink(d.caseId)}<div class="muted">${d.childName} · ${phaseLabel(d.phase, lang)}${d.caseworkerName ? html` · ${lw.holder}: ${d.caseworkerName}` : ''}</div></td>
<td class="wide" data-label="${w.rule}">${title}<div class="muted">${citationText(d.citation, lang)}</div></td>
<td data-label="${w.due}">${d.unit === 'hours' ? fmtWhen(d.dueInstant, lang, 'page', user.timeZone) : fmtWhen(d.due, lang)}</td>
<td data-label="${w.left}">${remainingBadge(d, lang)}${d.nextStep ? html`<div class="muted">${otherLabel(d.nextStep.series, lang)} · ${fmtWhen(d.nextStep.at, lang, 'page', user.timeZone)}</div>` : ''}${acknowledgementList(d, user, lang, { back: '/inbox', nameOf })}</td>
<td class="actions wide">${d.nextStep ? html`<form method="post" action="/cases/${encodeURIComponent(d.caseId)}/acknowledge">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><input type="hidden" name="back" value="/inbox"><button class="small" type="submit" aria-label="${w.acknowledge}: ${what}">${w.acknowledge}</button></form>` : ''}
<form class="inline-escalate" method="post" action="/cases/${encodeURIComponent(d.caseId)}/escalations">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><input type="hidden" name="back" value="/inbox"><input name="reason" placeholder="${w.reason}" aria-label="${lw.escalateReason(title, d.caseId)}" required minlength="3"> <button class="small" type="submit" aria-label="${w.escalate}: ${what}">${w.escalate}</button></form>
<a class="muted" href="/cases/${encodeURIComponent(d.caseId)}#reassign-form" aria-label="${lw.reassignCase(d.caseId)}">${w.reassign} →</a></td></tr>`;
    })}
</tbody></table>`}
${f.after || inbox.next
      ? html`<nav class="pager no-print" aria-label="${lw.pages}">${f.after ? html`<a id="first-page" href="/inbox${filterSearch(f)}">${lw.firstPage}</a>` : ''}${inbox.next ? html`<a id="next-page" href="/inbox${filterSearch(f, inbox.next)}">${lw.nextPage}</a>` : ''}</nav>`
      : ''}
<h2>${w.manualEscalations}</h2>
${inbox.escalations.length === 0 ? html`<p>${w.nothing}</p>` : html`<table id="inbox-escalations" class="cards"><tbody>${inbox.escalations.map((e) => html`<tr><td>${caseLink(e.case_id)}<div class="muted">${e.child_name}</div></td><td>${fmtWhen(e.at, lang, 'page', user.timeZone)}</td><td>${nameOf(e.by)}</td><td>${timelineText({ type: 'escalated', summary: e.summary, deadlineId: e.deadline_id, detail: e.detail }, lang, { nameOf, label: (v) => otherLabel(v, lang), role: (r) => roleLabel(r, w), when: (v) => fmtWhen(v, lang) })}</td></tr>`)}</tbody></table>`}
<h2>${w.failedDeliveries}</h2>
${inbox.failed.length === 0 ? html`<p>${w.nothing}</p>` : html`<table class="cards"><tbody>${inbox.failed.map((f) => html`<tr><td>${f.case_id ? caseLink(f.case_id) : ''}</td><td>${fmtWhen(f.created_at.toISOString(), lang, 'page', user.timeZone)}</td><td><strong>${f.subject}</strong><div class="muted">${f.body.split('\n')[0]}</div></td></tr>`)}</tbody></table>`}
${countdownScript(hasClock)}`,
  );
}
