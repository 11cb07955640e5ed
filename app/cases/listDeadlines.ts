/** The caller's live deadlines due soon: /api/deadlines, the CLI and the inbox. */
import type { Db } from '../../db/database';
import { caseFilterConditions, type CaseFilters } from '../../db/queries/caseFilters';
import { liveDeadlinesInScope } from '../../db/queries/liveDeadlines';
import { deadlineDangerRank, isNgoDuty } from '../../db/queries/dangerOrder';
import type { AuthUser } from '../auth';
import { deadlineView } from '../caseViews';
import type { Lang } from '../remaining';
import type { DeadlineListItem } from '../schemas';
import { contextFor } from '../remainingContext';

/**
 * Live deadlines of the caller's open cases due within `days` days from now, overdue ones included, by
 * due instant. `ngoDuties`: only what the NGO must act on, danger first (db/queries/dangerOrder.ts).
 */
export async function listDeadlines(db: Db, user: AuthUser, days: number, lang: Lang, filters: CaseFilters = {}, opts: { ngoDuties?: boolean } = {}): Promise<DeadlineListItem[]> {
  const until = new Date(Date.now() + days * 86_400_000);
  let query = liveDeadlinesInScope(db, user)
    .selectAll('case_deadlines')
    .select(['cases.child_name', 'cases.phase', 'cases.office'])
    .where('case_deadlines.due_instant', '<=', until);
  for (const condition of caseFilterConditions(filters)) query = query.where(condition);
  if (opts.ngoDuties) query = query.where(isNgoDuty()).orderBy(deadlineDangerRank());
  const rows = await query
    .orderBy('case_deadlines.due_instant')
    .orderBy('case_deadlines.case_id')
    .execute();
  const ctx = await contextFor(db);
  return rows.map((r) => ({ ...deadlineView(r, r.office, ctx, lang), childName: r.child_name, phase: r.phase as DeadlineListItem['phase'] }));
}
