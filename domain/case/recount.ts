/** A DOF overlay changed: every live deadline is counted again, and the timeline says which moved and why. */
import { assertAnswers, stepsPassed } from './deadlineOpening';
import { draftOf, dueText, isoOf, note } from './draft';
import type { CaseState, ComputedDeadline, DeadlineState } from './state';
import type { OpenRequest } from './transitions';
import { isLive } from './upcoming';

/** What to count again: every live deadline, from its own trigger. */
export function recountRequests(s: CaseState): OpenRequest[] {
  // The extension's granted days and the assigned signing weekday are part of the count: keep them.
  return s.deadlines.filter(isLive).map((d) => ({
    deadlineId: d.deadlineId,
    ruleId: d.ruleId,
    trigger: d.trigger,
    ...(d.extensionDays !== undefined ? { extensionDays: d.extensionDays } : {}),
    ...(d.weekday !== undefined ? { weekday: d.weekday } : {}),
  }));
}

/** A deadline counted again: the new dates and ladder from now on; a missed one whose new moment is ahead is open again. */
export function recountInto(d: DeadlineState, c: ComputedDeadline, now: number): void {
  // `reason` is set even when absent: an agreement of the readings must clear an old disagreement.
  Object.assign(d, c, { reason: c.reason, done: stepsPassed(c.steps, now, false) });
  if (d.status === 'missed' && (d.missAt === null || d.missAt > now)) d.status = 'open';
}

export function applyRecount(s: CaseState, computed: ComputedDeadline[], now: number): CaseState {
  assertAnswers(recountRequests(s), computed);
  const next = draftOf(s);
  for (const c of computed) {
    const d = next.deadlines.find((x) => x.deadlineId === c.deadlineId)!;
    if (c.dueInstant === d.dueInstant && c.dueLatestInstant === d.dueLatestInstant) continue;
    const before = dueText(d);
    const added = c.overlaysApplied.filter((o) => !d.overlaysApplied.some((p) => p.id === o.id));
    const removed = d.overlaysApplied.filter((o) => !c.overlaysApplied.some((p) => p.id === o.id));
    const why = [...added.map((o) => o.citation), ...removed.map((o) => `${o.citation} no longer applying (withdrawn or corrected)`)].join('; ') || 'calendar overlays changed';
    recountInto(d, c, now);
    note(next, { at: isoOf(now), by: 'system', type: 'deadline_moved', deadlineId: d.deadlineId, summary: `${d.title}: due ${before} → ${dueText(d)} because of ${why}` }, now);
  }
  return next;
}
