/**
 * The read-model rows a case's state maps to, as they are written (ISO strings, JSON text). Pure: the
 * projection (readModel.ts) writes them, and the API reads them back from a state when the projection
 * is late (app/caseViews.ts); it lives in db/ because the API process never imports activities/, so both agree column by column.
 */
import type { Insertable } from 'kysely';
import type { CaseDeadlineTable, CaseTable } from './schema';
import type { CaseState, DeadlineState, PendingPackChange } from '../domain/case/state';
import { metLate } from '../domain/case/metOnTime';
import { isLive, nextStepOf } from '../domain/case/upcoming';
import { actorOf, ngoWatches } from '../domain/rules/actors';

/** Whose act a deadline is and whether the NGO acts on it, under the case's pack (domain/rules/actors.ts). */
export function dutyOf(ruleId: string, rulePack: string) {
  const actor = actorOf(ruleId, rulePack);
  return { actor, ngo_acts: ngoWatches(ruleId, actor, rulePack) };
}

/** Without opened_at: it is written once, and each caller knows where it comes from. */
export function caseRowOf(s: CaseState) {
  const live = s.deadlines.filter(isLive).sort((a, b) => a.dueInstant.localeCompare(b.dueInstant));
  // The NGO's to act on, in the order of db/queries/dangerOrder.ts: an authority's late duty never raises the case.
  const duties = live.filter((d) => dutyOf(d.ruleId, s.rulePack).ngo_acts);
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
    child_sex: s.child.sex ?? null,
    child_languages: s.child.languages ?? null,
    interpreter_needed: s.child.interpreterNeeded ?? null,
    accompaniment: s.child.accompaniment ?? null,
    family_tracing: s.child.familyTracing ?? null,
    age_disputed: s.child.ageDisputed ?? false,
    identified_place: s.child.identification?.place ?? null,
    identified_by: s.child.identification?.by ?? null,
    placements: JSON.stringify(s.facts.placements ?? []),
    caseworker_id: s.assignments.caseworker,
    supervisor_id: s.assignments.supervisor,
    lawyer_id: s.assignments.lawyer,
    import_run: s.importRun ?? null,
    detained: s.facts.detained,
    closed_at: s.closed?.at ?? null,
    close_reason: s.closed?.reason ?? null,
    next_due_instant: live[0]?.dueInstant ?? null,
    alarm_due_instant: duties.find((d) => d.unit === 'hours')?.dueInstant ?? null,
    duty_due_instant: duties[0]?.dueInstant ?? null,
    version: s.seq,
  } satisfies Omit<Insertable<CaseTable>, 'opened_at'>;
}

export function deadlineRowOf(caseId: string, d: DeadlineState, rulePack: string) {
  return {
    case_id: caseId,
    ...dutyOf(d.ruleId, rulePack),
    deadline_id: d.deadlineId,
    rule_id: d.ruleId,
    title: d.title,
    status: d.status,
    late: metLate(d),
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
    rule_pack: d.rulePack,
    pending_pack: d.pendingPack ? JSON.stringify(pendingPackRow(d.pendingPack)) : null,
  } satisfies Insertable<CaseDeadlineTable>;
}

/** What the case page and the constancia show of a change waiting for acceptance (the whole new computation stays in the workflow). */
export function pendingPackRow(p: PendingPackChange) {
  return { rulePack: p.rulePack, action: p.action, due: p.after?.due ?? null, dueLatest: p.after?.dueLatest ?? null, reason: p.reason, proposedAt: p.proposedAt, proposedBy: p.proposedBy };
}
