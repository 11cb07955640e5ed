/** A manual escalation: supervisor, lawyer and director hear of it at once, with the reason. */
import type { Role } from '../ladder/policy';
import { draftOf, isoOf, note } from './draft';
import type { Escalation } from './events';
import type { CaseState } from './state';
import { ruleOf } from './transitions';

export const ESCALATION_RECIPIENTS: Role[] = ['supervisor', 'lawyer', 'director'];

export function rejectEscalation(s: CaseState, e: Escalation): string | null {
  if (s.closed) return 'type: the case is closed';
  if (!e || typeof e.by !== 'string' || !e.by.trim()) return 'by: required';
  if (typeof e.reason !== 'string' || e.reason.trim().length < 3) return 'reason: say why (at least 3 characters)';
  if (e.deadlineId !== undefined && !s.deadlines.some((d) => d.deadlineId === e.deadlineId)) return `deadlineId: no deadline '${e.deadlineId}' on this case`;
  return null;
}

/** The case with the escalation on its timeline, and the key its message is sent under. */
export function escalate(s: CaseState, e: Escalation, now: number): { state: CaseState; idempotencyBase: string } {
  const next = draftOf(s);
  const d = e.deadlineId ? next.deadlines.find((x) => x.deadlineId === e.deadlineId) : undefined;
  const entry = note(next, { at: isoOf(now), by: e.by, type: 'escalated', deadlineId: d?.deadlineId, summary: `escalated by hand: ${e.reason}`, detail: { kind: 'escalated', reason: e.reason } }, now);
  return { state: next, idempotencyBase: `${next.caseId}/escalation/${entry.seq}/manual` };
}

/** The escalation of a deadline an event breached (rule `breach`): sent at once to the rule's roles. */
export interface BreachEscalation {
  idempotencyBase: string;
  deadlineId: string;
  recipients: Role[];
}

/** One escalation per deadline the event breached; the key is the deadline's, so it is sent once. */
export function breachEscalations(s: CaseState, breached: string[]): BreachEscalation[] {
  return breached.flatMap((id) => {
    const d = s.deadlines.find((x) => x.deadlineId === id);
    const to = d && ruleOf(s, d.ruleId)?.breach?.escalateTo;
    return d && to ? [{ idempotencyBase: `${s.caseId}/${d.deadlineId}/${d.dueInstant}/breach`, deadlineId: id, recipients: to }] : [];
  });
}
