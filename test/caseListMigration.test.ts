/**
 * Migration 0013 fills the new alarm column of the cases projected before it, from their deadline rows:
 * the earliest live (open or missed) hour-counted deadline, and nothing for a case without one, so those
 * cases sort danger-first at once, before their workflows project again.
 */
import { sql } from 'kysely';
import { migrateToLatest } from '../db/database';
import { freshDatabase, migrateTo } from './migrationDatabase';

const pg = freshDatabase();

test('cases projected before 0013 get the due instant of their earliest live hour-counted deadline', async () => {
  await migrateTo(pg.db, '0011_overlay_corrections');
  await sql`insert into cases (id, workflow_id, rule_pack, phase, child_name, caseworker_id, supervisor_id, lawyer_id, detained, opened_at, next_due_instant, version)
    values ('OLD-1', 'case-OLD-1', 'mx-2026.1', 'intake', 'Karla', 'cw', 'sup', 'law', true, '2026-03-01T12:00:00Z', '2026-03-09T18:00:00Z', 3),
           ('OLD-2', 'case-OLD-2', 'mx-2026.1', 'asylum', 'Óscar', 'cw', 'sup', 'law', false, '2026-03-01T12:00:00Z', '2026-04-01T05:59:59Z', 2)`.execute(pg.db);
  const row = (caseId: string, id: string, unit: string, status: string, due: string) =>
    sql`(${caseId}, ${id}, ${id}, ${id}, ${status}, 'law', ${unit}, 'lfpa-art28', '2026-03-01', ${due.slice(0, 10)}, ${due.slice(0, 10)}, ${due}::timestamptz, ${due}::timestamptz, 'x', '[]', '[]')`;
  await sql`insert into case_deadlines (case_id, deadline_id, rule_id, title, status, kind, unit, calendar, trigger, due, due_latest, due_instant, due_latest_instant, citation, skipped, overlays_applied)
    values ${sql.join([
      row('OLD-1', 'child_detention_notice', 'hours', 'met', '2026-03-08T12:00:00Z'), // settled: not an alarm any more
      row('OLD-1', 'detention_36h', 'hours', 'missed', '2026-03-09T18:00:00Z'),
      row('OLD-1', 'detention_36h_again', 'hours', 'open', '2026-03-12T18:00:00Z'),
      row('OLD-1', 'asylum_filing_window', 'business_days', 'open', '2026-03-02T05:59:59Z'),
      row('OLD-2', 'comar_decision', 'business_days', 'open', '2026-04-01T05:59:59Z'),
    ])}`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toContain('0013_case_list_danger_order');
  const rows = await pg.db.selectFrom('cases').select(['id', 'alarm_due_instant']).orderBy('id').execute();
  expect(rows).toEqual([
    { id: 'OLD-1', alarm_due_instant: new Date('2026-03-09T18:00:00Z') },
    { id: 'OLD-2', alarm_due_instant: null },
  ]);
});
