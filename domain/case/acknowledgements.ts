/**
 * "I'm on it". An acknowledgement belongs to one step series of one deadline and one person who
 * receives that series (taken by them, or by the case's supervisor for them). It stops that series'
 * repeats to that person only: never a later series, a higher level, or anyone else. Taking it again is
 * a no-op; the supervisor (or a director) can withdraw it, and the repeats resume.
 */
import type { Role } from '../ladder/policy';
import type { StepSeries } from '../ladder/ladder';
import { draftOf, isoOf, note } from './draft';
import type { Acknowledge, AckRole, WithdrawAck } from './events';
import type { AckState, CaseState, DeadlineState } from './state';
import { isLive } from './upcoming';

const ASSIGNED: Role[] = ['caseworker', 'supervisor', 'lawyer'];

/** The roles by which `userId` receives a step meant for `recipients` on this case. */
export function rolesOf(s: CaseState, recipients: Role[], userId: string, isDirector: boolean): Role[] {
  return recipients.filter((r) => (r === 'director' ? isDirector : ASSIGNED.includes(r) && s.assignments[r as 'caseworker'] === userId));
}

/** The live acknowledgement of `series` for `userId`, if any (legacy ones silence the series for all). */
export function activeAck(d: DeadlineState, series: StepSeries, userId?: string): AckState | undefined {
  return d.acks.find((a) => a.series === series && !a.withdrawn && (userId === undefined || (a.for ?? a.by) === userId));
}

/** Who the acknowledgement is for, and whether that person is a director (only a director acts as one). */
function target(a: Acknowledge): { userId: string; isDirector: boolean } {
  const userId = a.for ?? a.by;
  return { userId, isDirector: userId === a.by && a.byRole === 'director' };
}

/**
 * A step whose instant has passed has gone out: noted by the case (done), or, for a case that notes the
 * dispatcher's steps later (notedLater), sent by the dispatcher at its instant; the one-click link in that
 * email must work before the case wakes to note it.
 */
const sentBy = (s: CaseState, d: DeadlineState, stepId: string) => d.done.includes(stepId) || (s.stepsBy === 'dispatcher' && !!s.notedLater);

/**
 * Why this acknowledgement cannot be taken, as 'field: reason', or null. `legacy`: the rules of
 * histories recorded before acknowledgements were per person (one per series, by anyone).
 */
export function rejectAck(s: CaseState, a: Acknowledge, now: number, legacy = false): string | null {
  if (!a || typeof a.by !== 'string' || !a.by.trim()) return 'by: required';
  const d = s.deadlines.find((x) => x.deadlineId === a.deadlineId);
  if (!d) return `deadlineId: no deadline '${a.deadlineId}' on this case`;
  if (!isLive(d)) return `deadlineId: ${a.deadlineId} is ${d.status}; nothing to acknowledge`;
  const series = d.steps.filter((st) => st.series === a.series);
  if (series.length === 0) return `series: ${a.deadlineId} has no ${a.series} steps`;
  if (legacy) return d.acks.some((x) => x.series === a.series) ? `series: ${a.series} of ${a.deadlineId} is already acknowledged` : null;

  if (!a.byRole) return 'byRole: required';
  const who = target(a);
  if (who.userId !== a.by && a.by !== s.assignments.supervisor) return `for: only ${who.userId} or the case's supervisor may acknowledge for them`;
  if (!series.some((st) => rolesOf(s, st.recipients, who.userId, who.isDirector).length > 0)) {
    return `series: the ${a.series} series of ${a.deadlineId} is not sent to ${who.userId}`;
  }
  const reached = series.some((st) => st.at <= now && sentBy(s, d, st.id) && rolesOf(s, st.recipients, who.userId, who.isDirector).length > 0);
  if (!reached) return `series: nothing of the ${a.series} series of ${a.deadlineId} has been sent to ${who.userId} yet`;
  return null;
}

/** The case with the acknowledgement; the same case (unchanged) when that person already acknowledged the series. */
export function acknowledge(s: CaseState, a: Acknowledge, now: number, legacy = false): CaseState {
  const forWhom = legacy ? undefined : (a.for ?? a.by);
  const d0 = s.deadlines.find((x) => x.deadlineId === a.deadlineId)!;
  if (!legacy && activeAck(d0, a.series, forWhom)) return s;
  const next = draftOf(s);
  const d = next.deadlines.find((x) => x.deadlineId === a.deadlineId)!;
  d.acks.push({ series: a.series, by: a.by, at: isoOf(now), ...(forWhom ? { for: forWhom } : {}) });
  const onBehalf = forWhom && forWhom !== a.by ? ` for ${forWhom}` : '';
  const scope = legacy ? '' : `: its repeats stop for ${forWhom} only`;
  note(next, { at: isoOf(now), by: a.by, type: 'acknowledged', deadlineId: d.deadlineId, summary: `${d.title}: ${a.series} acknowledged ("I'm on it")${onBehalf}${scope}`, detail: { kind: 'acknowledged', series: a.series, ...(forWhom ? { for: forWhom } : {}) } }, now);
  return next;
}

export function rejectWithdrawal(s: CaseState, w: WithdrawAck): string | null {
  if (!w || typeof w.by !== 'string' || !w.by.trim()) return 'by: required';
  if (!(w.byRole === 'director' || w.byRole === 'admin' || (w.byRole === 'supervisor' && w.by === s.assignments.supervisor))) {
    return "by: only the case's supervisor or a director may withdraw an acknowledgement";
  }
  if (typeof w.reason !== 'string' || w.reason.trim().length < 3) return 'reason: say why (at least 3 characters)';
  const d = s.deadlines.find((x) => x.deadlineId === w.deadlineId);
  if (!d) return `deadlineId: no deadline '${w.deadlineId}' on this case`;
  if (!activeAck(d, w.series, w.for)) return `for: ${w.for} has no acknowledgement of the ${w.series} series of ${w.deadlineId}`;
  return null;
}

export function withdrawAck(s: CaseState, w: WithdrawAck, now: number): CaseState {
  const next = draftOf(s);
  const d = next.deadlines.find((x) => x.deadlineId === w.deadlineId)!;
  activeAck(d, w.series, w.for)!.withdrawn = { by: w.by, at: isoOf(now), reason: w.reason };
  note(next, { at: isoOf(now), by: w.by, type: 'acknowledgement_withdrawn', deadlineId: d.deadlineId, summary: `${d.title}: ${w.for}'s acknowledgement of ${w.series} withdrawn: ${w.reason}`, detail: { kind: 'acknowledgement_withdrawn', series: w.series, for: w.for, reason: w.reason } }, now);
  return next;
}

/**
 * The series a person is answering when they press "I'm on it" without naming one: the latest step
 * already sent to them. Undefined when nothing has reached them yet.
 */
export function seriesToAcknowledge(s: CaseState, deadlineId: string, userId: string, role: AckRole, now: number): StepSeries | undefined {
  const d = s.deadlines.find((x) => x.deadlineId === deadlineId);
  if (!d) return undefined;
  const sent = d.steps.filter((st) => st.at <= now && sentBy(s, d, st.id) && rolesOf(s, st.recipients, userId, role === 'director').length > 0);
  return sent.sort((x, y) => x.at - y.at).at(-1)?.series;
}
