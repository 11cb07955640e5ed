import { birthDateOutOfRange, termDateOutOfRange } from '../coverage';

/**
 * The event type names as a plain list, for the workflow's Update validator (which must not load zod).
 * events.test.ts checks it equals the types of CaseEventSchema.
 */
export const EVENT_TYPE_NAMES: readonly string[] = [
  'entered_mexico', 'procuraduria_notified', 'urgent_measures_requested', 'urgent_measures_imposed', 'urgent_measures_ruled_by_court', 'bid_issued',
  'asylum_claim_filed', 'comar_notified_inm', 'claim_ratified', 'comar_extension_notified', 'sre_opinion_requested', 'sre_opinion_received',
  'interview_scheduled', 'weekly_signature_recorded', 'decision_notified', 'recurso_revision_filed', 'amparo_filed', 'nulidad_filed',
  'removal_or_incommunicado', 'migration_procedure_filed', 'migration_procedure_resolved', 'child_identified_by_inm', 'tvrh_issued', 'detention_started',
  'detention_ended', 'child_channelled_to_dif', 'placement_changed', 'child_absent', 'child_returned', 'assignment_changed',
  'handover_completed', 'case_closed', 'child_record_updated', 'child_returned_to_origin', 'breach_followed_up',
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Plain shape checks of an event that did not come through the API's zod parsing: 'field: reason'. */
export function eventShapeError(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return 'event: must be an object';
  const o = e as Record<string, unknown>;
  if (typeof o.type !== 'string' || !EVENT_TYPE_NAMES.includes(o.type)) return `type: unknown event type '${String(o.type)}'`;
  if (typeof o.occurredAt !== 'string' || !(DATE.test(o.occurredAt) || INSTANT.test(o.occurredAt))) {
    return 'occurredAt: must be a date YYYY-MM-DD or an ISO instant with an offset';
  }
  const outOfRange = termDateOutOfRange(o.occurredAt);
  if (outOfRange) return `occurredAt: ${outOfRange}`;
  if (typeof o.recordedBy !== 'string' || o.recordedBy.trim() === '') return 'recordedBy: required';
  if (o.type === 'detention_ended' && o.exit !== undefined && !['released', 'returned', 'deported'].includes(o.exit as string)) {
    return "exit: must be one of 'released', 'returned', 'deported'";
  }
  if (o.type === 'child_returned_to_origin' && !['returned', 'deported'].includes(o.exit as string)) return "exit: must be one of 'returned', 'deported'";
  if (o.type === 'breach_followed_up' && !['child_located', 'complaint_filed'].includes(o.followUp as string)) {
    return "followUp: must be one of 'child_located', 'complaint_filed'";
  }
  return null;
}

/** Plain range checks of a case's intake (the workflow's own check; the API also parses with zod): 'field: reason'. */
export function intakeRangeError(intake: { openedAt?: unknown; entryDate?: unknown; child?: { birthDate?: unknown } }): string | null {
  if (typeof intake.openedAt === 'string') {
    const p = termDateOutOfRange(intake.openedAt);
    if (p) return `openedAt: ${p}`;
  }
  if (typeof intake.entryDate === 'string') {
    const p = termDateOutOfRange(intake.entryDate);
    if (p) return `entryDate: ${p}`;
  }
  if (typeof intake.child?.birthDate === 'string') {
    const p = birthDateOutOfRange(intake.child.birthDate);
    if (p) return `child.birthDate: ${p}`;
  }
  return null;
}
