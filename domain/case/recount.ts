/** A DOF overlay changed: every live deadline is counted again, and the timeline says which moved and why. */
import { assertAnswers, stepsPassed } from './deadlineOpening';
import { draftOf, dueText, isoOf, note } from './draft';
import type { Role } from '../ladder/policy';
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
export function recountInto(d: DeadlineState, c: ComputedDeadline, now: number, keepBreach = true): void {
  // `reason` is set even when absent: an agreement of the readings must clear an old disagreement.
  // A breach already followed up (breach_followed_up) stays silent whatever the new count.
  const done = d.followedUp ? c.steps.map((st) => st.id) : stepsPassed(c.steps, now, false);
  Object.assign(d, c, { reason: c.reason, done });
  // A breach is not undone by a later date: the event that breached it has happened.
  if (d.status === 'missed' && !(keepBreach && d.breachedAt) && (d.missAt === null || d.missAt > now)) d.status = 'open';
}

/** `keepBreach` false: a run recorded before a breach stayed breached through a recount (replays as it ran). */
export function applyRecount(s: CaseState, computed: ComputedDeadline[], now: number, keepBreach = true): CaseState {
  assertAnswers(recountRequests(s), computed);
  const next = draftOf(s);
  for (const c of computed) {
    const d = next.deadlines.find((x) => x.deadlineId === c.deadlineId)!;
    if (c.dueInstant === d.dueInstant && c.dueLatestInstant === d.dueLatestInstant) continue;
    const before = dueText(d);
    const from = { due: d.due, dueLatest: d.dueLatest };
    const { added, removed } = overlayChange(d, c);
    const why = movedBecause(d, c);
    recountInto(d, c, now, keepBreach);
    note(next, { at: isoOf(now), by: 'system', type: 'deadline_moved', deadlineId: d.deadlineId, summary: `${d.title}: due ${before} → ${dueText(d)} because of ${why}`,
      detail: { kind: 'deadline_moved', because: 'overlays', from, to: { due: d.due, dueLatest: d.dueLatest }, overlays: [...added.map((citation) => ({ citation, withdrawn: false })), ...removed.map((citation) => ({ citation, withdrawn: true }))] },
    }, now);
  }
  return next;
}

/** The acuerdos a recount now counts for a deadline and those it no longer does (by citation). */
function overlayChange(was: Pick<DeadlineState, 'overlaysApplied'>, now: Pick<ComputedDeadline, 'overlaysApplied'>): { added: string[]; removed: string[] } {
  return {
    added: now.overlaysApplied.filter((o) => !was.overlaysApplied.some((p) => p.id === o.id)).map((o) => o.citation),
    removed: was.overlaysApplied.filter((o) => !now.overlaysApplied.some((p) => p.id === o.id)).map((o) => o.citation),
  };
}

/** Why a recount moved a deadline, as the timeline says it. */
function movedBecause(was: Pick<DeadlineState, 'overlaysApplied'>, now: Pick<ComputedDeadline, 'overlaysApplied'>): string {
  const { added, removed } = overlayChange(was, now);
  return [...added, ...removed.map((c) => `${c} no longer applying (withdrawn or corrected)`)].join('; ') || 'calendar overlays changed';
}

/** The people a moved deadline is told to: who works the case and who litigates it. */
export const MOVED_RECIPIENTS: Role[] = ['caseworker', 'lawyer'];

/** One email per moved deadline: with the recipient appended, `idempotencyBase` is its key. */
export interface MovedDelivery {
  idempotencyBase: string;
  kind: 'moved';
  recipients: Role[];
  deadlineId: string;
  /** From what, and which acuerdos it now counts (`added`) or no longer does (`removed`), by citation. */
  moved: { fromDue: string; fromDueLatest: string; added: string[]; removed: string[] };
}

/**
 * What a recount moved (`before` → `after`, from applyRecount), as emails to the case's people. Keyed by
 * the case's version after the recount: a retried delivery sends nothing twice, a later move is news.
 */
export function movedDeliveries(before: CaseState, after: CaseState): MovedDelivery[] {
  const out: MovedDelivery[] = [];
  for (const d of after.deadlines) {
    const was = before.deadlines.find((x) => x.deadlineId === d.deadlineId);
    if (!was || (was.dueInstant === d.dueInstant && was.dueLatestInstant === d.dueLatestInstant)) continue;
    out.push({
      idempotencyBase: `${after.caseId}/${d.deadlineId}/${d.dueInstant}/moved-${after.seq}`,
      kind: 'moved',
      recipients: MOVED_RECIPIENTS,
      deadlineId: d.deadlineId,
      moved: { fromDue: was.due, fromDueLatest: was.dueLatest, ...overlayChange(was, d) },
    });
  }
  return out;
}
