/** Who said "I'm on it" for which series of a deadline, and when; a supervisor's form to withdraw one. */
import { idempotencyField } from './idempotencyField';
import { can } from '../../app/access';
import type { AuthUser } from '../../app/auth';
import { type Lang, otherLabel, words, ruleText } from '../../domain/messages/catalogue';
import type { DeadlineView } from '../../app/schemas';
import { fmtWhen } from '../../domain/messages/dateWords';
import { html, type Html } from './html';

export function acknowledgementList(d: Pick<DeadlineView, 'caseId' | 'deadlineId' | 'ruleId' | 'title' | 'acknowledgements'>, user: AuthUser, lang: Lang, opts: { back?: string; nameOf?: (id: string) => string } = {}): Html {
  if (d.acknowledgements.length === 0) return html``;
  const nameOf = opts.nameOf ?? ((id: string) => id);
  const w = words(lang);
  const mayWithdraw = can(user, 'withdraw_acknowledgement');
  // Names what the button acts on, as a person reads it: who, which deadline, which case.
  const which = (a: { for: string }) => `${nameOf(a.for)} · ${ruleText(d.ruleId, lang, d.title).title} · ${d.caseId}`;
  return html`<ul class="tight acks">${d.acknowledgements.map(
    (a) => html`<li class="muted" data-ack="${a.series}:${a.for}">${w.acknowledgedBy}: ${nameOf(a.for)} · ${otherLabel(a.series, lang)} · ${fmtWhen(a.at, lang, 'page', user.timeZone)}${a.by !== a.for ? html` (${w.forPerson} ${nameOf(a.by)})` : ''}${
      a.withdrawn
        ? html` — ${w.withdrawnBy} ${nameOf(a.withdrawn.by)}, ${fmtWhen(a.withdrawn.at, lang, 'page', user.timeZone)}: ${a.withdrawn.reason}`
        : mayWithdraw
          ? html` <form method="post" action="/cases/${encodeURIComponent(d.caseId)}/acknowledgements/withdraw" style="display:inline">${idempotencyField()}<input type="hidden" name="deadlineId" value="${d.deadlineId}"><input type="hidden" name="series" value="${a.series}"><input type="hidden" name="for" value="${a.for}">${opts.back ? html`<input type="hidden" name="back" value="${opts.back}">` : ''}<input name="reason" placeholder="${w.reason}" aria-label="${w.reason}: ${w.withdrawAck} · ${which(a)}" required minlength="3" style="width:8rem"> <button class="small" type="submit" aria-label="${w.withdrawAck} · ${which(a)}">${w.withdrawAck}</button></form>`
          : ''
    }</li>`,
  )}</ul>`;
}
