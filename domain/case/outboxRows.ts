/**
 * What a case whose steps the dispatcher sends (state.stepsBy 'dispatcher') keeps in the outbox
 * (db/stepOutbox.ts): its pending steps as it would send them now, and, projection to projection, only
 * what changed. A detained child's case holds ~130 pending steps (~1 KB each): rewriting them all at every
 * projection made a 09:00 wake-up dearer than the email it saved.
 */
import type { DeliveryInput } from '../../activities/deliveries';
import { deliveryInputOf } from './stepInput';
import type { CaseState } from './state';
import { nextWake, pendingSteps } from './steps';

export interface OutboxRow {
  idempotencyBase: string;
  caseId: string;
  /** Epoch ms. */
  stepAt: number;
  dueInstant: string | null;
  input: DeliveryInput;
}

/** The rows to write and the ones to delete; `full`: the rows are all the case's (the others go). */
export interface OutboxChange {
  full: boolean;
  rows: OutboxRow[];
  removed: string[];
}

/**
 * The case's steps not sent yet, up to the case's next wake (none for a closed case, or one whose own timer
 * sends its steps). Only those: the case wakes DISPATCHER_GRACE_MS after each step (or at a miss instant), and
 * each wake writes the steps up to the next one, so a detained child's ~130 steps are written a few at a time.
 */
export function outboxRowsOf(s: CaseState): OutboxRow[] {
  if (s.stepsBy !== 'dispatcher' || s.closed) return [];
  const horizon = nextWake(s) ?? -Infinity;
  return pendingSteps(s).filter((m) => m.stepAt <= horizon).map((m) => {
    // firedAt is set by the dispatcher when it sends (the time left counted as of then); the deadline's
    // explanation is not in any email (it is on the case page and the constancia).
    const input = deliveryInputOf(s, m, 0);
    if (input.deadline) input.deadline = { ...input.deadline, explanation: undefined };
    return { idempotencyBase: m.idempotencyBase, caseId: s.caseId, stepAt: m.stepAt, dueInstant: input.deadline?.dueInstant ?? null, input };
  });
}

/**
 * What to write since the rows last written (`before`, by key and fingerprint; none: write them all), and
 * the fingerprints to keep for the next time. `moved`: something to write, even if the case did not change
 * otherwise (its next wake moved: the steps up to it are due in the outbox).
 */
export function outboxChangeOf(s: CaseState, before: ReadonlyMap<string, string> | undefined): { change: OutboxChange; after: Map<string, string>; moved: boolean } {
  const rows = outboxRowsOf(s);
  const after = new Map(rows.map((r) => [r.idempotencyBase, JSON.stringify(r)]));
  if (!before) return { change: { full: true, rows, removed: [] }, after, moved: true };
  const change = { full: false, rows: rows.filter((r) => before.get(r.idempotencyBase) !== after.get(r.idempotencyBase)), removed: [...before.keys()].filter((k) => !after.has(k)) };
  return { change, after, moved: change.rows.length > 0 || change.removed.length > 0 };
}
