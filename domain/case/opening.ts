/**
 * Opening a case: the first state, the deadlines the child's birth date opens, and the entry into
 * Mexico as the first event. The caller computes the deadlines (an activity, or the API's check before
 * it starts anything) and hands them in.
 */
import { openInto } from './deadlineOpening';
import { draftOf, note } from './draft';
import type { CaseEvent, CaseIntake } from './events';
import type { CaseState, ComputedDeadline, RuleSummary } from './state';
import type { OpenRequest } from './transitions';

/**
 * A new case with no deadlines yet: only its opening on the timeline. It is in Plazo since `now`, or since
 * `opts.inPlazoSince` (a rebuild keeps the first instant); `legacy`: a run from before that was kept.
 */
export function newCase(intake: CaseIntake, rulePack: string, rules: RuleSummary[], now: number, opts: { legacy?: boolean; inPlazoSince?: number; timelineData?: boolean } = {}): CaseState {
  const s: CaseState = {
    caseId: intake.caseId,
    rulePack,
    child: intake.child,
    office: intake.office,
    ...(intake.fileNumber ? { fileNumber: intake.fileNumber } : {}),
    organization: intake.organization,
    phase: 'intake',
    assignments: intake.assignments,
    facts: { eventDates: {}, detained: false, absent: false, signatureCount: 0, entryDate: intake.entryDate },
    rules,
    deadlines: [],
    timeline: [],
    seq: 0,
    openedAt: intake.openedAt,
    ...(opts.legacy ? {} : { inPlazoSince: opts.inPlazoSince ?? now }),
    ...(opts.timelineData ? { timelineData: true as const } : {}),
  };
  note(s, { at: intake.openedAt, by: intake.recordedBy, type: 'case_opened', summary: `case opened under rule pack ${rulePack}`, detail: { kind: 'case_opened', rulePack } }, now);
  return s;
}

/** The deadlines counted from the child's birth date (coming of age). */
export function birthRequests(intake: CaseIntake, rules: RuleSummary[]): OpenRequest[] {
  const born = intake.child.birthDate;
  if (!born) return [];
  return rules.filter((r) => r.triggerEvent === 'date_of_birth').map((r) => ({ deadlineId: r.id, ruleId: r.id, trigger: born }));
}

/** Adds the birth-date deadlines to a new case. */
export function openBirthDeadlines(s: CaseState, computed: ComputedDeadline[], by: string, now: number): CaseState {
  const d = draftOf(s);
  openInto(d, computed, by, now);
  return d;
}

/** The entry into Mexico known at intake, recorded as the case's first event. */
export function entryEvent(intake: CaseIntake): CaseEvent | undefined {
  return intake.entryDate ? { type: 'entered_mexico', occurredAt: intake.entryDate, recordedBy: intake.recordedBy } : undefined;
}
