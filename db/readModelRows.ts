/**
 * The read-model rows a case's state maps to, as they are written (ISO strings, JSON text). Pure: the
 * projection (readModel.ts) writes them, and the API reads them back from a state when the projection
 * is late (app/caseViews.ts); it lives in db/ because the API process never imports activities/, so both agree column by column.
 */
import type { Insertable } from 'kysely';
import type { CaseDeadlineTable, CaseTable } from './schema';
import type { CaseState, DeadlineState } from '../domain/case/state';
import { isLive, nextStepOf } from '../domain/case/upcoming';

/** Without opened_at: it is written once, and each caller knows where it comes from. */
export function caseRowOf(s: CaseState) {
  const live = s.deadlines.filter(isLive).sort((a, b) => a.dueInstant.localeCompare(b.dueInstant));
  return {
    id: s.caseId,
    workflow_id: `case-${s.caseId}`,
    rule_pack: s.rulePack,
    phase: s.phase,
    child_name: s.child.name,
    child_birth_date: s.child.birthDate ?? null,
    nationality: s.child.nationality ?? null,
    office: s.office ?? null,
    file_number: s.fileNumber ?? null,
    caseworker_id: s.assignments.caseworker,
    supervisor_id: s.assignments.supervisor,
    lawyer_id: s.assignments.lawyer,
    detained: s.facts.detained,
    closed_at: s.closed?.at ?? null,
    close_reason: s.closed?.reason ?? null,
    next_due_instant: live[0]?.dueInstant ?? null,
    alarm_due_instant: live.find((d) => d.unit === 'hours')?.dueInstant ?? null,
    version: s.seq,
  } satisfies Omit<Insertable<CaseTable>, 'opened_at'>;
}

export function deadlineRowOf(caseId: string, d: DeadlineState) {
  return {
    case_id: caseId,
    deadline_id: d.deadlineId,
    rule_id: d.ruleId,
    title: d.title,
    status: d.status,
    late: d.late ?? false,
    kind: d.kind,
    unit: d.unit,
    calendar: d.calendar,
    trigger: d.trigger,
    due: d.due,
    due_latest: d.dueLatest,
    due_instant: d.dueInstant,
    due_latest_instant: d.dueLatestInstant,
    reason: d.reason ?? null,
    citation: d.citation,
    skipped: JSON.stringify(d.skipped),
    overlays_applied: JSON.stringify(d.overlaysApplied),
    term: d.term ?? null,
    explanation: d.explanation ?? null,
    warnings: d.warnings ? JSON.stringify(d.warnings) : null,
    filing: d.filing ? JSON.stringify(d.filing) : null,
    // SQL NULL once a deadline is settled; JSON null while live without a next step.
    next_step: isLive(d) ? JSON.stringify(nextStepOf(d) ?? null) : null,
    // The whole ladder, for the calendar feed's alarms.
    steps: JSON.stringify(d.steps),
    acks: JSON.stringify(d.acks),
  } satisfies Insertable<CaseDeadlineTable>;
}
