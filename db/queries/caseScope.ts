/**
 * The cases a person may see, as a condition on `cases` (the rules are in app/access.ts): a caseworker
 * and a lawyer those they are assigned to; a supervisor those they supervise and those of the caseworkers
 * of the teams they lead; a director and an admin every case. Every read of cases goes through it.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { UserRole } from '../schema';

export interface ScopedPerson {
  id: string;
  role: UserRole;
}

/** Whether the person's scope is the whole registry: nothing about any case is hidden from them. */
export const seesEveryCase = (p: ScopedPerson) => p.role === 'admin' || p.role === 'director';

export function caseScope(p: ScopedPerson): Expression<SqlBool> {
  if (seesEveryCase(p)) return sql<SqlBool>`true`;
  switch (p.role) {
    case 'caseworker':
      return sql<SqlBool>`cases.caseworker_id = ${p.id}`;
    case 'lawyer':
      return sql<SqlBool>`cases.lawyer_id = ${p.id}`;
    case 'supervisor':
      // The team's caseworkers as an array worked out once (an InitPlan), not `in (select …)`: inside an `or`
      // that was a filter Postgres could only run over every case (a sequential scan, the scope estimated at
      // half the registry: 27,000 rows for 6,000 at 50,000 cases); `= any(array)` is an index condition,
      // so the scope is two index scans OR-ed (issue 28: a supervisor's feed, lists, dashboard).
      return sql<SqlBool>`(cases.supervisor_id = ${p.id} or cases.caseworker_id = any(array(
        select tm.user_id from team_members tm join teams t on t.id = tm.team_id where t.supervisor_id = ${p.id})))`;
    default:
      return sql<SqlBool>`false`;
  }
}

/**
 * The cases a person is named on (caseworker, supervisor or lawyer): what a daily digest lists. Narrower
 * than caseScope on purpose: a director's or a team lead's digest is their own cases, not the registry.
 */
export const casesAssignedTo = (personId: string): Expression<SqlBool> =>
  sql<SqlBool>`(cases.caseworker_id = ${personId} or cases.supervisor_id = ${personId} or cases.lawyer_id = ${personId})`;
