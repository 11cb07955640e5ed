import { sql } from 'kysely';
import type { CaseState } from '../domain/case/state';
import type { Db } from '../db/database';
import { listedCaseColumns } from '../db/adminLists';
import { caseRowOf, deadlineRowOf } from '../db/readModelRows';
import { writeCaseOutbox } from '../db/stepOutbox';
import type { OutboxChange } from '../domain/case/outboxRows';

/** The columns a deadline's calendar event is drawn from: stored row vs the one being written. */
const FEED_COLUMNS = ['due_instant', 'due', 'due_latest', 'status', 'late', 'kind', 'title', 'citation', 'steps'] as const;
const FEED_VISIBLE = sql.raw(
  `(${FEED_COLUMNS.map((c) => `case_deadlines.${c}`).join(', ')}) is distinct from (${FEED_COLUMNS.map((c) => `excluded.${c}`).join(', ')})`,
);

/**
 * Writes what people read (cases, deadlines, timeline) from the workflow's state. Idempotent and
 * ordered by the state's event counter, so a retried or late projection never rolls a case back.
 */
export function createReadModelActivities({ db }: { db: Db }) {
  return {
    /**
     * `s.timeline` may hold only the entries new since the last projection; `s.outbox`, the change to the
     * steps the dispatcher sends for the case since the last projection (domain/case/outboxRows.ts).
     */
    async projectCase(s: CaseState & { outbox?: OutboxChange }): Promise<void> {
      const base = caseRowOf(s);
      const row = { ...base, ...(await listedCaseColumns(db, base)), opened_at: s.openedAt ?? s.timeline[0]?.at ?? new Date().toISOString() };
      await db.transaction().execute(async (tx) => {
        const current = await tx.selectFrom('cases').select('version').where('id', '=', s.caseId).forUpdate().executeTakeFirst();
        if (current && current.version > s.seq) return;
        // The same case as projected: only the outbox may have moved (the case's next wake did).
        if (current && current.version === s.seq) {
          if (s.outbox) await writeCaseOutbox(tx, s.caseId, s.outbox);
          return;
        }
        await tx
          .insertInto('cases')
          .values(row)
          // opened_at is written once: later projections carry only the new timeline entries.
          .onConflict((oc) => oc.column('id').doUpdateSet({ ...row, opened_at: undefined, updated_at: new Date() }))
          .execute();
        // One statement per set of columns (a column left undefined is left as it is, as a single-row upsert
        // would): at 09:00 a case's twelve deadlines were twelve round trips per projection, now one.
        for (const rows of byColumns(s.deadlines.map((d) => deadlineRowOf(s.caseId, d, s.rulePack)))) {
          const columns = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
          await tx
            .insertInto('case_deadlines')
            .values(rows)
            .onConflict((oc) =>
              oc.columns(['case_id', 'deadline_id']).doUpdateSet((eb) => ({
                ...Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])),
                // A calendar client replaces an event only when its SEQUENCE grows: on every change the
                // feed shows (client/calendar/icsFeed.ts), becoming overdue included.
                sequence: sql<number>`case when ${FEED_VISIBLE} then case_deadlines.sequence + 1 else case_deadlines.sequence end`,
                updated_at: new Date(),
              })),
            )
            .execute();
        }
        if (s.timeline.length > 0) {
          await tx
            .insertInto('case_timeline')
            .values(s.timeline.map((t) => ({ case_id: s.caseId, seq: t.seq, at: t.at, recorded_at: t.recordedAt, by: t.by, type: t.type, summary: t.summary, deadline_id: t.deadlineId ?? null, detail: t.detail ? JSON.stringify(t.detail) : null })))
            .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
            .execute();
        }
        // The steps the dispatcher sends for this case, as of this state (db/stepOutbox.ts).
        if (s.outbox) await writeCaseOutbox(tx, s.caseId, s.outbox);
      });
    },
  };
}

/** Rows grouped by the columns they define (undefined ones left out), in their order. */
function byColumns<R extends object>(rows: R[]): R[][] {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const defined = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as R;
    const key = Object.keys(defined).join(',');
    groups.set(key, [...(groups.get(key) ?? []), defined]);
  }
  return [...groups.values()];
}
