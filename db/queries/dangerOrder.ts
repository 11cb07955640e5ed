/**
 * Danger first, as the NGO must act (issue 23 item 3): a detained child first (a case detained or with a
 * live hour-counted deadline the NGO acts on, by that instant), then the cases with the NGO's own live
 * deadlines by time left, then open cases where only an authority owes something (or nothing is live),
 * then closed ones. An authority's late duty never lifts a case: it is that authority's breach.
 * The case expressions are those migration 0018 indexes (copied, not imported: a migration is frozen in
 * time); a change here needs a new migration for the indexes. Helpers take and return expressions.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export const DANGER_RANK = sql<number>`(case when closed_at is not null then 3 when detained or alarm_due_instant is not null then 0 when duty_due_instant is not null then 1 else 2 end)`;
export const DANGER_DUE = sql<Date>`(coalesce(alarm_due_instant, duty_due_instant, next_due_instant, 'infinity'::timestamptz))`;

/**
 * A deadline's place in a list of deadlines (the inbox): the NGO's hour-counted ones (a detention) first,
 * then the NGO's other ones, then an authority's; by due instant within each. Migration 0023 indexes it
 * (copied there): a change here needs a new migration for the index.
 */
export const deadlineDangerRank = () =>
  sql<number>`(case when not case_deadlines.ngo_acts then 2 when case_deadlines.unit = 'hours' then 0 else 1 end)`;

/** The NGO acts on the deadline: its own, or a child's detention. */
export const isNgoDuty = (): Expression<SqlBool> => sql<SqlBool>`case_deadlines.ngo_acts`;

/** An authority's duty (not the NGO's to act on): overdue, it is that authority's breach. */
export const isAuthorityDuty = (): Expression<SqlBool> => sql<SqlBool>`not case_deadlines.ngo_acts`;
