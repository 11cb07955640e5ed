/** The read-model deadline rows of cases already found through the caller's scope. */
import type { Db } from '../../db/database';
import type { DeadlineRow } from '../caseViews';

export async function deadlinesOf(db: Db, caseIds: string[]): Promise<DeadlineRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_deadlines').selectAll().where('case_id', 'in', caseIds).orderBy('due_instant').execute();
}
