/** The read-model deadline rows of cases already found through the caller's scope. */
import type { Db } from '../../db/database';
import { deadlineDangerRank } from '../../db/queries/dangerOrder';
import type { DeadlineRow } from '../caseViews';

/** Danger first within a case (db/queries/dangerOrder.ts): the NGO's hour-counted terms, its others, then an authority's. */
export async function deadlinesOf(db: Db, caseIds: string[]): Promise<DeadlineRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_deadlines').selectAll().where('case_id', 'in', caseIds).orderBy(deadlineDangerRank()).orderBy('due_instant').execute();
}
