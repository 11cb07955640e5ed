/**
 * Migration 0018 gives the rows projected before it their actor and whether the NGO acts on them (by
 * rule id, as domain/rules/actors.ts would), and each case the earliest live deadline the NGO acts on,
 * its alarm only among those: a months-old COMAR obligation counted in hours no longer lifts a case.
 */
import { sql } from 'kysely';
import { migrateToLatest } from '../db/database';
import { dutyOf } from '../db/readModelRows';
import { freshDatabase, migrateTo } from './migrationDatabase';

const pg = freshDatabase();

test('rows before 0018 get their actor, the NGO\'s duty and the alarm among the NGO\'s own deadlines', async () => {
  await migrateTo(pg.db, '0017_notifications_unsent_index');
  await sql`insert into cases (id, workflow_id, rule_pack, phase, child_name, caseworker_id, supervisor_id, lawyer_id, detained, opened_at, next_due_instant, alarm_due_instant, version)
    values ('OLD-C', 'case-OLD-C', 'mx-2026.2', 'asylum', 'Daniela', 'cw', 'sup', 'law', false, '2026-01-01T12:00:00Z', '2026-01-04T18:00:00Z', '2026-01-04T18:00:00Z', 3),
           ('OLD-D', 'case-OLD-D', 'mx-2026.2', 'intake', 'Kevin', 'cw', 'sup', 'law', true, '2026-03-01T12:00:00Z', '2026-03-09T18:00:00Z', '2026-03-09T18:00:00Z', 2)`.execute(pg.db);
  const row = (caseId: string, id: string, unit: string, status: string, due: string) =>
    sql`(${caseId}, ${id}, ${id.split('#')[0]}, ${id}, ${status}, 'law', ${unit}, 'lfpa-art28', '2026-03-01', ${due.slice(0, 10)}, ${due.slice(0, 10)}, ${due}::timestamptz, ${due}::timestamptz, 'x', '[]', '[]')`;
  await sql`insert into case_deadlines (case_id, deadline_id, rule_id, title, status, kind, unit, calendar, trigger, due, due_latest, due_instant, due_latest_instant, citation, skipped, overlays_applied)
    values ${sql.join([
      row('OLD-C', 'comar_notice_to_inm', 'hours', 'missed', '2026-01-04T18:00:00Z'),
      row('OLD-C', 'weekly_signature#3', 'recurring_days', 'open', '2026-03-12T05:59:59Z'),
      row('OLD-C', 'comar_decision', 'business_days', 'open', '2026-03-05T05:59:59Z'),
      row('OLD-D', 'detention_36h', 'hours', 'open', '2026-03-09T18:00:00Z'),
      row('OLD-D', 'asylum_filing_window', 'business_days', 'met', '2026-03-02T05:59:59Z'),
    ])}`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toContain('0019_ranking_deadline_actor');
  const deadlines = await pg.db.selectFrom('case_deadlines').select(['case_id', 'rule_id', 'actor', 'ngo_acts']).orderBy('case_id').orderBy('rule_id').execute();
  // What the projection would write for the same rules (db/readModelRows.ts).
  expect(deadlines).toEqual(deadlines.map((d) => ({ case_id: d.case_id, rule_id: d.rule_id, ...dutyOf(d.rule_id, 'mx-2026.2') })));
  expect(deadlines.map((d) => [d.rule_id, d.actor, d.ngo_acts])).toEqual([
    ['comar_decision', 'comar', false],
    ['comar_notice_to_inm', 'comar', false],
    ['weekly_signature', 'ngo', true],
    ['asylum_filing_window', 'ngo', true],
    ['detention_36h', 'inm', true],
  ]);
  const cases = await pg.db.selectFrom('cases').select(['id', 'alarm_due_instant', 'duty_due_instant']).orderBy('id').execute();
  expect(cases).toEqual([
    // COMAR's missed notice is its breach: no alarm; the weekly signature is the NGO's next duty.
    { id: 'OLD-C', alarm_due_instant: null, duty_due_instant: new Date('2026-03-12T05:59:59Z') },
    { id: 'OLD-D', alarm_due_instant: new Date('2026-03-09T18:00:00Z'), duty_due_instant: new Date('2026-03-09T18:00:00Z') },
  ]);

  // Down again: 0013's alarm (any live hour-counted deadline) and its indexes come back.
  await migrateTo(pg.db, '0017_notifications_unsent_index');
  expect(await pg.db.selectFrom('cases').select(['id', 'alarm_due_instant']).orderBy('id').execute()).toEqual([
    { id: 'OLD-C', alarm_due_instant: new Date('2026-01-04T18:00:00Z') },
    { id: 'OLD-D', alarm_due_instant: new Date('2026-03-09T18:00:00Z') },
  ]);
  const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'cases' and indexname like '%danger%' order by 1`.execute(pg.db);
  expect(indexes.rows.map((r) => r.indexname)).toEqual(['cases_caseworker_danger_idx', 'cases_danger_idx']);
});
