/** The caller's live deadlines due soon, a page at a time: /api/deadlines, the CLI and the inbox. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseFilterConditions, type CaseFilters } from '../../db/queries/caseFilters';
import { liveDeadlinesInScope } from '../../db/queries/liveDeadlines';
import { deadlineDangerRank, isNgoDuty } from '../../db/queries/dangerOrder';
import { deadlineAfter, deadlineDueKey } from '../../db/queries/deadlineKeyset';
import type { AuthUser } from '../auth';
import { deadlineView } from '../caseViews';
import { DEADLINES_PAGE_LIMIT, encodeDeadlineCursor, type DeadlineCursor } from '../deadlineCursor';
import type { Lang } from '../remaining';
import type { DeadlineListItem } from '../schemas';
import { contextFor } from '../remainingContext';

export interface DeadlinesPage {
  items: DeadlineListItem[];
  /** The `after` of the next page, or null on the last one. */
  next: string | null;
}

/**
 * Live deadlines of the caller's open cases due within `days` days from now, overdue ones included, by
 * due instant; `ngoDuties`: only what the NGO must act on, danger first (db/queries/dangerOrder.ts). At
 * most `limit` (default 100), from `after` on: a registry's thousands are never read, shaped and sent at once.
 */
export async function listDeadlines(
  db: Db,
  user: AuthUser,
  days: number,
  lang: Lang,
  filters: CaseFilters = {},
  opts: { ngoDuties?: boolean; limit?: number; after?: DeadlineCursor } = {},
): Promise<DeadlinesPage> {
  const limit = opts.limit ?? DEADLINES_PAGE_LIMIT.default;
  const rank = opts.ngoDuties ? deadlineDangerRank() : sql<number>`0`;
  const until = new Date(Date.now() + days * 86_400_000);
  let query = liveDeadlinesInScope(db, user)
    .selectAll('case_deadlines')
    .select(['cases.child_name', 'cases.phase', 'cases.office', rank.as('danger_rank'), deadlineDueKey().as('due_key')])
    .where('case_deadlines.due_instant', '<=', until);
  for (const condition of caseFilterConditions(filters)) query = query.where(condition);
  // Danger first for the NGO's duties; otherwise one rank (0), so the cursor has one shape.
  if (opts.ngoDuties) query = query.where(isNgoDuty()).orderBy(rank);
  if (opts.after) query = query.where(deadlineAfter(rank, opts.after));
  const rows = await query
    .orderBy('case_deadlines.due_instant')
    .orderBy('case_deadlines.case_id')
    .orderBy('case_deadlines.deadline_id')
    .limit(limit + 1)
    .execute();
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  const ctx = await contextFor(db);
  return {
    items: shown.map((r) => ({ ...deadlineView(r, r.office, ctx, lang), childName: r.child_name, phase: r.phase as DeadlineListItem['phase'] })),
    next: rows.length > limit && last ? encodeDeadlineCursor({ rank: Number(last.danger_rank), due: last.due_key, caseId: last.case_id, deadlineId: last.deadline_id }) : null,
  };
}
