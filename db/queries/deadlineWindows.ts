/**
 * When a deadline falls, as conditions on `case_deadlines` (helpers that take and return expressions):
 * the dashboard's caseload counts them in SQL instead of walking every row in JS.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

/** Overdue at `now`: marked missed, or its instant already past. */
export const isOverdueDeadline = (now: Date): Expression<SqlBool> => sql<SqlBool>`(case_deadlines.status = 'missed' or case_deadlines.due_instant < ${now})`;

/** Due between two instants, both included. */
export const isDueBetween = (from: Date, to: Date): Expression<SqlBool> => sql<SqlBool>`(case_deadlines.due_instant >= ${from} and case_deadlines.due_instant <= ${to})`;
