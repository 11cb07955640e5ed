/**
 * A change of holder is told by email to the new holder and to the one who held the case, as a delivery
 * of the case like any step (activities/deliveries.ts writes it). One reassignment, one key: the case's
 * version after the change (the key the API used when it sent these notices itself).
 */
import type { AssignableRole, CaseEvent } from './events';
import type { CaseState } from './state';

export interface ReassignmentNotice {
  /** With the side and the person appended, the message's idempotency key. */
  idempotencyBase: string;
  role: AssignableRole;
  from: string;
  to: string;
  by: string;
  reason?: string;
}

/** The notice an event calls for: `before` is the case it was applied to, `after` the case with it. */
export function reassignmentNotice(before: CaseState, after: CaseState, e: CaseEvent): ReassignmentNotice | undefined {
  if (e.type !== 'assignment_changed') return undefined;
  return {
    idempotencyBase: `${after.caseId}/reassigned/${after.seq}`,
    role: e.role,
    from: before.assignments[e.role],
    to: e.userId,
    by: e.recordedBy,
    ...(e.note ? { reason: e.note } : {}),
  };
}
