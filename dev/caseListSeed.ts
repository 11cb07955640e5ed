/**
 * Read-model rows of many cases for measuring and testing "Mis casos" at scale (app/cases/listCasePage.ts):
 * `count` cases spread over 50 caseworkers (`cw-0`…`cw-49`, created here), 10 supervisors and 3 offices; a
 * tenth detained with an hour-counted term, a tenth closed, the rest with a day term, each live term as
 * a case_deadlines row (the detention's the INM's, which the NGO acts on; the filing window the NGO's own). Straight SQL: the shape of the rows, not the workflow, is what is measured.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database';

export const SEED_CASEWORKERS = Array.from({ length: 50 }, (_, i) => `cw-${i}`);

export async function seedCaseList(db: Db, now: Date, count: number): Promise<void> {
  await db
    .insertInto('users')
    .values(SEED_CASEWORKERS.map((id) => ({ id, name: id.toUpperCase(), email: `${id}@plazo.test`, role: 'caseworker' as const, language: 'es' as const })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into cases (id, workflow_id, rule_pack, phase, child_name, office, caseworker_id, supervisor_id, lawyer_id, detained,
                          opened_at, closed_at, next_due_instant, alarm_due_instant, duty_due_instant, version)
       select 'BULK-' || lpad(i::text, 5, '0'), 'case-BULK-' || i, 'mx-2026.1', (array['intake','bid','asylum','decision'])[1 + i % 4],
              'Niña ' || i, (array['CDMX','Tapachula','Tijuana'])[1 + i % 3], 'cw-' || (i % 50), 'sup-' || (i % 10), 'law-' || (i % 20), i % 10 = 1,
              $1::timestamptz - interval '30 days',
              case when i % 10 = 2 then $1::timestamptz - interval '1 day' end,
              case when i % 10 = 2 then null when i % 10 = 1 then $1::timestamptz + (i % 72 - 10) * interval '1 hour' else $1::timestamptz + (i % 700 - 100) * interval '1 hour' end,
              case when i % 10 = 1 then $1::timestamptz + (i % 72 - 10) * interval '1 hour' end,
              case when i % 10 = 2 then null when i % 10 = 1 then $1::timestamptz + (i % 72 - 10) * interval '1 hour' else $1::timestamptz + (i % 700 - 100) * interval '1 hour' end,
              1
       from generate_series(1, $2::int) as i`,
      [now.toISOString(), count],
    ),
  );
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into case_deadlines (case_id, deadline_id, rule_id, title, status, late, kind, unit, calendar, trigger, due, due_latest,
                                   due_instant, due_latest_instant, citation, skipped, overlays_applied, next_step, steps, acks, actor, ngo_acts)
       select c.id, d.rule, d.rule, d.rule, case when c.next_due_instant < $1::timestamptz then 'missed' else 'open' end, false, 'law', d.unit, 'lfpa-art28',
              to_char(c.opened_at at time zone 'America/Mexico_City', 'YYYY-MM-DD'),
              to_char(c.next_due_instant at time zone 'America/Mexico_City', 'YYYY-MM-DD'), to_char(c.next_due_instant at time zone 'America/Mexico_City', 'YYYY-MM-DD'),
              c.next_due_instant, c.next_due_instant, 'seed', '[]', '[]', 'null', '[]', '[]', case when c.detained then 'inm' else 'ngo' end, true
       from cases c cross join lateral (select case when c.detained then 'detention_36h' else 'asylum_filing_window' end as rule,
                                               case when c.detained then 'hours' else 'business_days' end as unit) d
       where c.id like 'BULK-%' and c.next_due_instant is not null`,
      [now.toISOString()],
    ),
  );
  await db.executeQuery(CompiledQuery.raw('analyze cases'));
  await db.executeQuery(CompiledQuery.raw('analyze case_deadlines'));
}
