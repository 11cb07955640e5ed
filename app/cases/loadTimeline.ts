/** What happened on one case, in order. */
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import { timelineView } from '../caseViews';
import type { TimelineEntryView } from '../schemas';
import { findCase } from './findCase';

export async function loadTimeline(db: Db, user: AuthUser, id: string): Promise<TimelineEntryView[]> {
  const row = await findCase(db, user, id);
  const rows = await db.selectFrom('case_timeline').selectAll().where('case_id', '=', row.id).orderBy('seq').execute();
  return rows.map(timelineView);
}
