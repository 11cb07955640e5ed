/** What happened on one case, in order. */
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import { timelineView } from '../caseViews';
import type { TimelineEntryView } from '../schemas';
import { dispatchedNotNoted } from './dispatchedNotNoted';
import { findCase } from './findCase';

export async function loadTimeline(db: Db, user: AuthUser, id: string): Promise<TimelineEntryView[]> {
  const row = await findCase(db, user, id);
  // One snapshot: a step the case notes meanwhile is either its own entry or the dispatcher's, never both or neither.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const recorded = (await tx.selectFrom('case_timeline').selectAll().where('case_id', '=', row.id).orderBy('seq').execute()).map(timelineView);
      return [...recorded, ...(await dispatchedNotNoted(tx, row.id, recorded.at(-1)?.seq ?? 0))];
    });
}
