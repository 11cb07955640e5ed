import { type Kysely, sql } from 'kysely';

/**
 * "Mis casos" lists danger first and pages by keyset, fast at 10,000 cases: each case row keeps the due
 * instant of its earliest live hour-counted deadline (a detention's 36 hours), and two indexes hold the
 * list's order (client/api/caseList.ts writes the same expressions): one for the roles that see every
 * case, one led by the caseworker for a caseworker's own list and the caseworker filter.
 * A search (case id, child's name) scans the caller's scope: at 10,000 cases that stays a few ms (bench).
 * The supervisor and lawyer indexes serve the access scope (client/api/access.ts).
 */
export const DANGER_RANK_SQL =
  "(case when closed_at is not null then 3 when alarm_due_instant is not null then 0 when next_due_instant is not null then 1 else 2 end)";
export const DANGER_DUE_SQL = "(coalesce(alarm_due_instant, next_due_instant, 'infinity'::timestamptz))";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add column alarm_due_instant timestamptz`.execute(db);
  // Cases projected before this migration: their earliest live hour-counted deadline, from their rows.
  await sql`update cases set alarm_due_instant = (
    select min(d.due_instant) from case_deadlines d where d.case_id = cases.id and d.unit = 'hours' and d.status in ('open', 'missed'))`.execute(db);
  await sql`create index cases_danger_idx on cases (${sql.raw(DANGER_RANK_SQL)}, ${sql.raw(DANGER_DUE_SQL)}, id)`.execute(db);
  await sql`create index cases_caseworker_danger_idx on cases (caseworker_id, ${sql.raw(DANGER_RANK_SQL)}, ${sql.raw(DANGER_DUE_SQL)}, id)`.execute(db);
  await sql`create index cases_supervisor_idx on cases (supervisor_id)`.execute(db);
  await sql`create index cases_lawyer_idx on cases (lawyer_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists cases_lawyer_idx`.execute(db);
  await sql`drop index if exists cases_supervisor_idx`.execute(db);
  await sql`drop index if exists cases_caseworker_danger_idx`.execute(db);
  await sql`drop index if exists cases_danger_idx`.execute(db);
  await sql`alter table cases drop column alarm_due_instant`.execute(db);
}
