import { sql } from 'kysely';
import type { CaseState } from '../domain/case/state';
import { isLive, nextStepOf } from '../domain/case/upcoming';
import type { Db } from '../db/database';

/**
 * Writes what people read (cases, deadlines, timeline) from the workflow's state. Idempotent and
 * ordered by the state's event counter, so a retried or late projection never rolls a case back.
 */
export function createReadModelActivities({ db }: { db: Db }) {
  return {
    /** `s.timeline` may hold only the entries new since the last projection. */
    async projectCase(s: CaseState): Promise<void> {
      const live = s.deadlines.filter(isLive).sort((a, b) => a.dueInstant.localeCompare(b.dueInstant));
      const row = {
        id: s.caseId,
        workflow_id: `case-${s.caseId}`,
        rule_pack: s.rulePack,
        phase: s.phase,
        child_name: s.child.name,
        child_birth_date: s.child.birthDate ?? null,
        nationality: s.child.nationality ?? null,
        office: s.office ?? null,
        caseworker_id: s.assignments.caseworker,
        supervisor_id: s.assignments.supervisor,
        lawyer_id: s.assignments.lawyer,
        detained: s.facts.detained,
        opened_at: s.openedAt ?? s.timeline[0]?.at ?? new Date().toISOString(),
        closed_at: s.closed?.at ?? null,
        close_reason: s.closed?.reason ?? null,
        next_due_instant: live[0]?.dueInstant ?? null,
        version: s.seq,
      };
      await db.transaction().execute(async (tx) => {
        const current = await tx.selectFrom('cases').select('version').where('id', '=', s.caseId).forUpdate().executeTakeFirst();
        if (current && current.version >= s.seq) return;
        await tx
          .insertInto('cases')
          .values(row)
          // opened_at is written once: later projections carry only the new timeline entries.
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, opened_at: undefined, updated_at: new Date() }))
          .execute();
        for (const d of s.deadlines) {
          const values = {
            case_id: s.caseId,
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
            next_step: isLive(d) ? JSON.stringify(nextStepOf(d) ?? null) : null,
          };
          await tx
            .insertInto('case_deadlines')
            .values(values)
            .onConflict((oc) =>
              oc.columns(['case_id', 'deadline_id']).doUpdateSet({
                ...values,
                // A calendar client replaces an event only when its SEQUENCE grows.
                sequence: sql<number>`case when case_deadlines.due_instant <> excluded.due_instant or case_deadlines.status <> excluded.status then case_deadlines.sequence + 1 else case_deadlines.sequence end`,
                updated_at: new Date(),
              }),
            )
            .execute();
        }
        if (s.timeline.length > 0) {
          await tx
            .insertInto('case_timeline')
            .values(s.timeline.map((t) => ({ case_id: s.caseId, seq: t.seq, at: t.at, recorded_at: t.recordedAt, by: t.by, type: t.type, summary: t.summary, deadline_id: t.deadlineId ?? null })))
            .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
            .execute();
        }
      });
    },
  };
}
