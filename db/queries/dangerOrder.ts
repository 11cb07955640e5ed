/**
 * The order of "Mis casos", danger first: cases with a live hour-counted deadline (a detention's 36
 * hours) by that instant, then the other open cases by their next live deadline, then open cases without
 * a live deadline, then closed ones. The expressions are those migration 0013 indexes (copied, not
 * imported: a migration is frozen in time); a change here needs a new migration for the indexes.
 */
import { sql } from 'kysely';

export const DANGER_RANK = sql<number>`(case when closed_at is not null then 3 when alarm_due_instant is not null then 0 when next_due_instant is not null then 1 else 2 end)`;
export const DANGER_DUE = sql<Date>`(coalesce(alarm_due_instant, next_due_instant, 'infinity'::timestamptz))`;
