/** What an overlay moved, within the caller's scope. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';

/** Cases (in the caller's scope) with a deadline counted through this overlay. */
export async function casesMovedBy(db: Db, user: AuthUser, overlayId: string): Promise<{ caseId: string; deadlineId: string; due: string }[]> {
  const rows = await deadlinesInScope(db, user)
    .select(['case_deadlines.case_id', 'case_deadlines.deadline_id', 'case_deadlines.due'])
    .where(sql<boolean>`case_deadlines.overlays_applied @> ${JSON.stringify([{ id: overlayId }])}::jsonb`)
    .orderBy('case_deadlines.case_id')
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, deadlineId: r.deadline_id, due: r.due }));
}
