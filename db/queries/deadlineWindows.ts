/**
 * When a deadline falls, as conditions on `case_deadlines` (helpers that take and return expressions):
 * the dashboard's caseload counts them in SQL instead of walking every row in JS. And the window of the
 * next 7 days the dashboard and the agenda share.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { DateTime } from 'luxon';
import { MX_ZONE } from '../../domain/time/instant';

/** Overdue at `now`: marked missed, or its instant already past. */
export const isOverdueDeadline = (now: Date): Expression<SqlBool> => sql<SqlBool>`(case_deadlines.status = 'missed' or case_deadlines.due_instant < ${now})`;

/** Due between two instants, both included. */
export const isDueBetween = (from: Date, to: Date): Expression<SqlBool> => sql<SqlBool>`(case_deadlines.due_instant >= ${from} and case_deadlines.due_instant <= ${to})`;

/**
 * "Próximos 7 días", the one meaning of "this week" on the dashboard and the agenda: from now to the end of
 * the Mexico City day 7 days from now. Never a calendar week, which on a Sunday ends hours away and hid the
 * next 36-hour limit: every deadline due in the next 7 days (to the minute) falls inside.
 */
export const NEXT_DAYS = 7;
export function nextDaysWindow(now: Date): { from: Date; to: Date } {
  return { from: now, to: DateTime.fromJSDate(now, { zone: MX_ZONE }).plus({ days: NEXT_DAYS }).endOf('day').toJSDate() };
}
