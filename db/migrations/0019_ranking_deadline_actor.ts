import { type Kysely, sql } from 'kysely';

/**
 * Whose duty each deadline is (issue 23 item 3): each deadline row keeps its rule's actor and whether the
 * NGO acts on it (its own deadline, or a child's detention); each case keeps the earliest live deadline
 * the NGO acts on, and its alarm only among those. "Mis casos" ranks by them: a detained child first,
 * then the NGO's own deadlines by time left, then cases where only an authority owes something; an
 * authority's late duty is its breach, counted apart, never the caseworker's alarm.
 * The danger indexes are rebuilt on the new order (db/queries/dangerOrder.ts writes the same
 * expressions, copied here: a migration is frozen in time).
 * Rows projected before this migration are backfilled by rule id with the actors mx-2027.1 names
 * (domain/rules/actors.ts gives older packs the same), and the detention rules by id; the next
 * projection of each case writes the same from its pack.
 */
export const DANGER_RANK_SQL =
  '(case when closed_at is not null then 3 when detained or alarm_due_instant is not null then 0 when duty_due_instant is not null then 1 else 2 end)';
export const DANGER_DUE_SQL = "(coalesce(alarm_due_instant, duty_due_instant, next_due_instant, 'infinity'::timestamptz))";

const ACTORS: Record<string, string> = {
  comar_decision: 'comar',
  comar_decision_extended: 'comar',
  child_detention_notice: 'inm',
  detention_36h: 'inm',
  urgent_measures_court: 'court',
  bid_issued: 'procuraduria',
  tvrh_for_child: 'inm',
  migration_procedure_answer: 'inm',
  comar_notice_to_inm: 'comar',
  urgent_measures_prosecutor: 'ministerio_publico',
  interview_target: 'comar',
  sre_opinion: 'sre',
};
const DETENTION_RULES = ['detention_36h', 'child_detention_notice'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table case_deadlines add column actor text not null default 'ngo', add column ngo_acts boolean not null default true`.execute(db);
  await sql`alter table cases add column duty_due_instant timestamptz`.execute(db);
  for (const [rule, actor] of Object.entries(ACTORS)) {
    await sql`update case_deadlines set actor = ${actor}, ngo_acts = ${DETENTION_RULES.includes(rule)} where rule_id = ${rule}`.execute(db);
  }
  const live = sql`d.case_id = cases.id and d.ngo_acts and d.status in ('open', 'missed')`;
  await sql`update cases set
    duty_due_instant = (select min(d.due_instant) from case_deadlines d where ${live}),
    alarm_due_instant = (select min(d.due_instant) from case_deadlines d where ${live} and d.unit = 'hours')`.execute(db);
  await sql`drop index if exists cases_danger_idx`.execute(db);
  await sql`drop index if exists cases_caseworker_danger_idx`.execute(db);
  await sql`create index cases_danger_idx on cases (${sql.raw(DANGER_RANK_SQL)}, ${sql.raw(DANGER_DUE_SQL)}, id)`.execute(db);
  await sql`create index cases_caseworker_danger_idx on cases (caseworker_id, ${sql.raw(DANGER_RANK_SQL)}, ${sql.raw(DANGER_DUE_SQL)}, id)`.execute(db);
  // The dashboard counts authorities' breaches: few rows, whatever the caseload.
  await sql`create index case_deadlines_authority_live_idx on case_deadlines (actor, due_instant) where not ngo_acts and status in ('open', 'missed')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists case_deadlines_authority_live_idx`.execute(db);
  await sql`drop index if exists cases_caseworker_danger_idx`.execute(db);
  await sql`drop index if exists cases_danger_idx`.execute(db);
  await sql`alter table cases drop column duty_due_instant`.execute(db);
  await sql`alter table case_deadlines drop column ngo_acts, drop column actor`.execute(db);
  // 0013's order and its alarm (any live hour-counted deadline).
  await sql`update cases set alarm_due_instant = (
    select min(d.due_instant) from case_deadlines d where d.case_id = cases.id and d.unit = 'hours' and d.status in ('open', 'missed'))`.execute(db);
  const rank = '(case when closed_at is not null then 3 when alarm_due_instant is not null then 0 when next_due_instant is not null then 1 else 2 end)';
  const due = "(coalesce(alarm_due_instant, next_due_instant, 'infinity'::timestamptz))";
  await sql`create index cases_danger_idx on cases (${sql.raw(rank)}, ${sql.raw(due)}, id)`.execute(db);
  await sql`create index cases_caseworker_danger_idx on cases (caseworker_id, ${sql.raw(rank)}, ${sql.raw(due)}, id)`.execute(db);
}
