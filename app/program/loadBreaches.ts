/**
 * Authorities' breaches on the dashboard (issue 23 item 3): the live duties of COMAR, INM, the
 * Procuraduría, a court, the Ministerio Público or SRE already past their term in the caller's open
 * cases, counted by actor in SQL (migration 0018's partial index keeps them few to read). Evidence for
 * the program, not the caseworkers' alarms.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { isAuthorityDuty } from '../../db/queries/dangerOrder';
import { isOverdueDeadline } from '../../db/queries/deadlineWindows';
import { liveDeadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';

export interface BreachCount {
  actor: string;
  /** Overdue duties of this authority. */
  count: number;
  /** Open cases with at least one. */
  cases: number;
}

export async function loadBreaches(db: Db, user: AuthUser, now: Date): Promise<BreachCount[]> {
  const rows = await liveDeadlinesInScope(db, user)
    .where(isAuthorityDuty())
    .where(isOverdueDeadline(now))
    .groupBy('case_deadlines.actor')
    .select(['case_deadlines.actor', sql<number>`count(*)::int`.as('count'), sql<number>`count(distinct case_deadlines.case_id)::int`.as('cases')])
    .execute();
  return rows.sort((a, b) => b.count - a.count || a.actor.localeCompare(b.actor));
}
