/** The supervisor's inbox: what is overdue or nearly due, what was escalated by hand, what could not be delivered. */
import { citationText } from '../../domain/messages/computationText';
import { timelineText } from '../../domain/messages/timelineText';
import { idempotencyField } from './idempotencyField';
import { ruleText } from '../../domain/messages/ruleTexts';
import type { AuthUser } from '../api/auth';
import type { Lang } from '../api/remaining';
import type { DeadlineListItem } from '../api/schemas';
import { acknowledgementList } from './acknowledgements';
import { fmtWhen } from './format';
import { html, type Html } from './html';
import { otherLabel, phaseLabel, roleLabel, words } from './i18n';
import { page, urgencyBadge } from './layout';

export interface InboxInput {
  deadlines: DeadlineListItem[];
  escalations: { case_id: string; at: string; by: string; summary: string; deadline_id: string | null; child_name: string }[];
  failed: { case_id: string | null; deadline_id: string | null; subject: string; body: string; created_at: Date }[];
}

export function inboxPage(user: AuthUser, lang: Lang, inbox: InboxInput, opts: { flash?: string | null; error?: { message: string; field: string | null } | null; names?: Map<string, string> }): Html {
  const w = words(lang);
  const nameOf = (id: string) => opts.names?.get(id) ?? id;
  const caseLink = (id: string) => html`<a href="/cases/${encodeURIComponent(id)}">${id}</a>`;
  return page(
    { title: w.inbox, lang, user, path: '/inbox', flash: opts.flash, error: opts.error },
    html`<h1>${w.inbox}</h1>
<h2>${w.overdueNow}</h2>
${inbox.deadlines.length === 0 ? html`<p>${w.nothing}</p>` : html`<table id="inbox-deadlines"><thead><tr><th>${w.case}</th><th>${w.rule}</th><th>${w.due}</th><th>${w.left}</th><th></th></tr></thead><tbody>
${inbox.deadlines.map((d) => html`<tr class="row-${d.urgency}" data-deadline="${d.id}"><td>${caseLink(d.caseId)}<div class="muted">${d.childName} · ${phaseLabel(d.phase, lang)}</div></td>
<td>${ruleText(d.ruleId, lang, d.title).title}<div class="muted">${citationText(d.citation, lang)}</div></td>
<td>${d.unit === 'hours' ? fmtWhen(d.dueInstant, lang) : fmtWhen(d.due, lang)}</td>
<td>${d.remaining ? urgencyBadge(d.urgency, d.remaining.text) : ''}${d.nextStep ? html`<div class="muted">${otherLabel(d.nextStep.series, lang)} · ${fmtWhen(d.nextStep.at, lang)}</div>` : ''}${acknowledgementList(d, user, lang, { back: '/inbox', nameOf })}</td>
<td>${d.nextStep ? html`<form method="post" action="/cases/${encodeURIComponent(d.caseId)}/acknowledge">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><input type="hidden" name="back" value="/inbox"><button class="small" type="submit">${w.acknowledge}</button></form>` : ''}
<form method="post" action="/cases/${encodeURIComponent(d.caseId)}/escalations" style="margin-top:.3rem">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><input type="hidden" name="back" value="/inbox"><input name="reason" placeholder="${w.reason}" required minlength="3" style="width:9rem"> <button class="small" type="submit">${w.escalate}</button></form>
<a class="muted" href="/cases/${encodeURIComponent(d.caseId)}#reassign-form">${w.reassign} →</a></td></tr>`)}
</tbody></table>`}
<h2>${w.manualEscalations}</h2>
${inbox.escalations.length === 0 ? html`<p>${w.nothing}</p>` : html`<table id="inbox-escalations"><tbody>${inbox.escalations.map((e) => html`<tr><td>${caseLink(e.case_id)}<div class="muted">${e.child_name}</div></td><td>${fmtWhen(e.at, lang)}</td><td>${nameOf(e.by)}</td><td>${timelineText({ type: 'escalated', summary: e.summary, deadlineId: e.deadline_id }, lang, { nameOf, label: (v) => otherLabel(v, lang), role: (r) => roleLabel(r, w), when: (v) => fmtWhen(v, lang) })}</td></tr>`)}</tbody></table>`}
<h2>${w.failedDeliveries}</h2>
${inbox.failed.length === 0 ? html`<p>${w.nothing}</p>` : html`<table><tbody>${inbox.failed.map((f) => html`<tr><td>${f.case_id ? caseLink(f.case_id) : ''}</td><td>${fmtWhen(f.created_at.toISOString(), lang)}</td><td><strong>${f.subject}</strong><div class="muted">${f.body.split('\n')[0]}</div></td></tr>`)}</tbody></table>`}`,
  );
}
