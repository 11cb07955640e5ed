import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import type { CaseFilters } from '../../db/queries/caseFilters';
import type { DeadlineCursor } from '../deadlineCursor';
import { scopeOptions } from '../scopeOptions';
import type { AuthUser } from '../auth';
import type { Lang } from '../remaining';
import type { DeadlineListItem } from '../schemas';
import { listDeadlines } from './listDeadlines';

export interface InboxItem {
  kind: 'overdue' | 'urgent' | 'escalated';
  deadline?: DeadlineListItem;
  caseId: string;
  childName: string;
  at: string;
  by?: string;
  summary?: string;
}

/**
 * The supervisor's inbox: the NGO's overdue and nearly due deadlines, escalations by hand, failed
 * deliveries. An authority's late duty is not the team's to do: it is shown as that authority's breach
 * on the case page and the dashboard.
 */
export async function loadInbox(db: Db, user: AuthUser, lang: Lang, filters: CaseFilters = {}, after?: DeadlineCursor) {
  // A page of the live deadlines in danger, a detention's hours first (the query's order): the inbox reads top down.
  const soon = await listDeadlines(db, user, 3, lang, filters, { ngoDuties: true, after });
  const deadlines = soon.items.filter((d) => d.urgency === 'overdue' || d.urgency === 'alarm' || d.urgency === 'urgent');
  const caseIds = [...new Set(deadlines.map((d) => d.caseId))];
  const holders = caseIds.length === 0 ? [] : await db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select(['cases.id', 'users.name'])
    .where('cases.id', 'in', caseIds)
    .execute();
  const holderOf = new Map(holders.map((h) => [h.id, h.name]));
  const escalations = await db
    .selectFrom('case_timeline')
    .innerJoin('cases', 'cases.id', 'case_timeline.case_id')
    .select(['case_timeline.case_id', 'case_timeline.at', 'case_timeline.by', 'case_timeline.summary', 'case_timeline.deadline_id', 'case_timeline.detail', 'cases.child_name'])
    .where(caseScope(user))
    .where('case_timeline.type', '=', 'escalated')
    .where('case_timeline.recorded_at', '>=', new Date(Date.now() - 30 * 86_400_000))
    .orderBy('case_timeline.recorded_at', 'desc')
    .limit(50)
    .execute();
  const failed = await db
    .selectFrom('notifications')
    .select(['case_id', 'deadline_id', 'subject', 'body', 'created_at'])
    .where('channel', '=', 'in_app')
    .where('recipient', '=', user.id)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const options = await scopeOptions(db, user);
  return { deadlines: deadlines.map((d) => ({ ...d, caseworkerName: holderOf.get(d.caseId) ?? null })), next: soon.next, escalations, failed, options };
}
