import { type Kysely, sql } from 'kysely';

/**
 * The deadline lists page by keyset at 50,000 cases (issue 28): an index in each list's order, so a page
 * reads its hundred rows instead of sorting a registry's. /api/deadlines and the agenda list by due
 * instant, case, deadline; the inbox lists the NGO's duties danger first (app/cases/listDeadlines.ts, the
 * rank of db/queries/dangerOrder.ts, copied: a migration is frozen in time). The dashboard's measures
 * read five event types out of every case's timeline: an index by type. The lists' office filter offers
 * the offices of the cases in scope: an index by office (app/scopeOptions.ts).
 */
const INBOX_RANK_SQL = "(case when not ngo_acts then 2 when unit = 'hours' then 0 else 1 end)";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index case_deadlines_due_order_idx on case_deadlines (due_instant, case_id, deadline_id)`.execute(db);
  await sql`create index case_deadlines_ngo_danger_idx on case_deadlines (${sql.raw(INBOX_RANK_SQL)}, due_instant, case_id, deadline_id) where ngo_acts`.execute(db);
  await sql`create index case_timeline_type_idx on case_timeline (type)`.execute(db);
  await sql`create index cases_office_idx on cases (office)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists cases_office_idx`.execute(db);
  await sql`drop index if exists case_timeline_type_idx`.execute(db);
  await sql`drop index if exists case_deadlines_ngo_danger_idx`.execute(db);
  await sql`drop index if exists case_deadlines_due_order_idx`.execute(db);
}
