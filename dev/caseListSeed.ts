/**
 * Read-model rows of many cases for measuring and testing "Mis casos" and the pages at scale
 * (app/cases/listCasePage.ts, bench/pages.ts): `count` cases spread over 50 caseworkers (`cw-0`…`cw-49`),
 * 10 supervisors (`sup-0`…) and 20 lawyers (`law-0`…), all created here unless they exist, and 3 offices; a
 * tenth detained with an hour-counted term, a tenth closed, the rest with a day term, each live term as
 * a case_deadlines row (the detention's the INM's, which the NGO acts on; the filing window the NGO's own).
 * Open asylum-phase cases also owe COMAR's decision (an authority's term, a third of them past: breaches),
 * and every case has its timeline: opened, its terms opened, a detention started, a BID issued for some.
 * Straight SQL: the shape of the rows, not the workflow, is what is measured.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database';

export const SEED_CASEWORKERS = Array.from({ length: 50 }, (_, i) => `cw-${i}`);
const SEED_PEOPLE = [
  ...SEED_CASEWORKERS.map((id) => ({ id, role: 'caseworker' as const })),
  ...Array.from({ length: 10 }, (_, i) => ({ id: `sup-${i}`, role: 'supervisor' as const })),
  ...Array.from({ length: 20 }, (_, i) => ({ id: `law-${i}`, role: 'lawyer' as const })),
];

export async function seedCaseList(db: Db, now: Date, count: number): Promise<void> {
  await db
    .insertInto('users')
    .values(SEED_PEOPLE.map(({ id, role }) => ({ id, name: id.toUpperCase(), email: `${id}@plazo.test`, role, language: 'es' as const })))
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
  // COMAR's decision on the open asylum-phase cases: due from 20 days ago to 40 days ahead.
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into case_deadlines (case_id, deadline_id, rule_id, title, status, late, kind, unit, calendar, trigger, due, due_latest,
                                   due_instant, due_latest_instant, citation, skipped, overlays_applied, next_step, steps, acks, actor, ngo_acts)
       select c.id, 'comar_decision', 'comar_decision', 'comar_decision', case when d.due < $1::timestamptz then 'missed' else 'open' end, false, 'law',
              'business_days', 'lfpa-art28', to_char(c.opened_at at time zone 'America/Mexico_City', 'YYYY-MM-DD'),
              to_char(d.due at time zone 'America/Mexico_City', 'YYYY-MM-DD'), to_char(d.due at time zone 'America/Mexico_City', 'YYYY-MM-DD'),
              d.due, d.due, 'seed', '[]', '[]', 'null', '[]', '[]', 'comar', false
       from cases c cross join lateral (select $1::timestamptz + (substr(c.id, 6)::int % 60 - 20) * interval '1 day' as due) d
       where c.id like 'BULK-%' and c.phase = 'asylum' and c.closed_at is null and not c.detained`,
      [now.toISOString()],
    ),
  );
  // The timeline: opened, each term opened, a detention started, a BID issued for every fifth case.
  await db.executeQuery(
    CompiledQuery.raw(
      `insert into case_timeline (case_id, seq, at, recorded_at, by, type, summary, deadline_id, detail)
       select c.id, 1, to_char(c.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), c.opened_at, c.caseworker_id, 'case_opened',
              'case opened under rule pack mx-2026.1', null, '{"kind":"case_opened","rulePack":"mx-2026.1"}'::jsonb
       from cases c where c.id like 'BULK-%'
       union all
       select d.case_id, 1 + row_number() over (partition by d.case_id order by d.deadline_id), to_char(c.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
              c.opened_at, 'system', 'deadline_opened', d.rule_id || ' opened', d.deadline_id, null
       from case_deadlines d join cases c on c.id = d.case_id where c.id like 'BULK-%'
       union all
       select c.id, 10, to_char((c.opened_at + interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), c.opened_at + interval '1 hour', c.caseworker_id,
              'detention_started', 'detention started', null, null
       from cases c where c.id like 'BULK-%' and c.detained
       union all
       select c.id, 11, to_char((c.opened_at + interval '10 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), c.opened_at + interval '10 days', c.caseworker_id,
              'bid_issued', 'BID issued', null, null
       from cases c where c.id like 'BULK-%' and substr(c.id, 6)::int % 5 = 0`,
    ),
  );
  for (const table of ['users', 'cases', 'case_deadlines', 'case_timeline']) await db.executeQuery(CompiledQuery.raw(`analyze ${table}`));
}
