/**
 * Keyset paging of the deadline lists (the inbox, /api/deadlines, the agenda): the due instant as the
 * cursor writes it (to the microsecond Postgres keeps, so the row a page ended on never comes again), and
 * "after this row" in the list's order (a rank, due instant, case, deadline; migration 0023 indexes them).
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export const deadlineDueKey = () => sql<string>`to_char(case_deadlines.due_instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export const deadlineAfter = (rank: Expression<number>, after: { rank: number; due: string; caseId: string; deadlineId: string }): Expression<SqlBool> =>
  sql<SqlBool>`(${rank}, case_deadlines.due_instant, case_deadlines.case_id, case_deadlines.deadline_id) > (${after.rank}, ${after.due}::timestamptz, ${after.caseId}, ${after.deadlineId})`;
