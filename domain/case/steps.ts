/**
 * The ladder's clock: which steps are due at `now`, which deadlines became missed, when to wake next,
 * and the timeline entry of a delivery. The workflow sends what `fireDueSteps` returns.
 */
import type { Role } from '../ladder/policy';
import type { StepSeries } from '../ladder/ladder';
import { draftOf, dueText, note } from './draft';
import type { CaseState, DeadlineState } from './state';
import { isLive } from './upcoming';

/** One ladder step to send: with the recipient appended, `idempotencyBase` is the message's key. */
export interface StepDelivery {
  idempotencyBase: string;
  kind: StepSeries;
  recipients: Role[];
  deadlineId: string;
  stepId: string;
  stepAt: number;
}

const isDue = (d: DeadlineState, now: number) =>
  isLive(d) && ((d.status === 'open' && d.missAt !== null && d.missAt <= now) || d.steps.some((st) => st.at <= now && !d.done.includes(st.id)));

/** Marks the deadlines missed and the steps sent at `now`; the case is returned as is when nothing is due. */
export function fireDueSteps(s: CaseState, now: number): { state: CaseState; deliveries: StepDelivery[] } {
  if (!s.deadlines.some((d) => isDue(d, now))) return { state: s, deliveries: [] };
  const next = draftOf(s);
  const deliveries: StepDelivery[] = [];
  for (const d of next.deadlines) {
    if (!isLive(d)) continue;
    if (d.status === 'open' && d.missAt !== null && d.missAt <= now) {
      d.status = 'missed';
      note(next, { at: new Date(d.missAt).toISOString(), by: 'system', type: 'deadline_missed', deadlineId: d.deadlineId, summary: `${d.title}: missed (was due ${dueText(d)})` }, now);
    }
    for (const step of d.steps) {
      if (step.at > now || d.done.includes(step.id)) continue;
      d.done.push(step.id);
      if (d.acks.some((a) => a.series === step.series)) continue; // acknowledged: its repeats stop
      deliveries.push({
        idempotencyBase: `${next.caseId}/${d.deadlineId}/${d.dueInstant}/${step.id}`,
        kind: step.series,
        recipients: step.recipients,
        deadlineId: d.deadlineId,
        stepId: step.id,
        stepAt: step.at,
      });
    }
  }
  return { state: next, deliveries };
}

/** The next instant something is due: a step to send or a deadline to mark missed. */
export function nextWake(s: CaseState): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => (next = next === undefined ? t : Math.min(next, t));
  for (const d of s.deadlines) {
    if (!isLive(d)) continue;
    if (d.status === 'open' && d.missAt !== null) consider(d.missAt);
    for (const st of d.steps) if (!d.done.includes(st.id)) consider(st.at);
  }
  return next;
}

/** Who a message reached, on the timeline. */
export function noteDelivery(
  s: CaseState,
  m: { deadlineId?: string; label: string; sent: { role: Role; userId: string }[]; unreachable: Role[] },
  now: number,
): CaseState {
  const next = draftOf(s);
  const to = m.sent.map((x) => `${x.role} ${x.userId}`).join(', ') || 'nobody';
  const missing = m.unreachable.length ? `; nobody to tell as ${m.unreachable.join(', ')}` : '';
  note(next, { at: new Date(now).toISOString(), by: 'system', type: 'notification_sent', deadlineId: m.deadlineId, summary: `${m.label} sent to ${to}${missing}` }, now);
  return next;
}
