/** The agenda: deadlines across every case the caller may see (access.ts scope), by Mexico City day. */
import { DateTime } from 'luxon';
import type { Db } from '../../db/database';
import { MX_ZONE } from '../../domain';
import { caseFilterConditions } from '../../db/queries/caseFilters';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import { casesAssignedTo } from '../../db/queries/caseScope';
import { LIVE_STATUSES } from '../../domain/case/upcoming';
import type { AuthUser } from '../auth';
import { agendaDateOf, agendaRange, datesOf, type AgendaQuery, type AgendaRange } from '../agendaSchema';
import { contextFor } from '../remainingContext';
import { deadlineView } from '../caseViews';
import type { Lang } from '../remaining';
import { scopeOptions, type ScopeOptions } from '../scopeOptions';
import { DeadlineViewSchema, type DeadlineListItem } from '../schemas';

export interface AgendaItem extends DeadlineListItem {
  caseworkerId: string;
  caseworkerName: string;
  office: string | null;
}

export interface Agenda {
  range: AgendaRange;
  days: { date: string; items: AgendaItem[] }[];
  /** Live deadlines already past before the period starts: nobody should lose sight of them. */
  overdueBefore: AgendaItem[];
  options: ScopeOptions;
}

const STATUSES: Record<AgendaQuery['status'], readonly string[]> = {
  live: LIVE_STATUSES,
  overdue: ['missed'],
  met: ['met'],
  all: DeadlineViewSchema.shape.status.options,
};

export async function loadAgenda(db: Db, user: AuthUser, q: AgendaQuery, lang: Lang, now = new Date()): Promise<Agenda> {
  const range = agendaRange(q.view, q.from, now);
  const start = DateTime.fromISO(range.from, { zone: MX_ZONE }).startOf('day').toJSDate();
  const end = DateTime.fromISO(range.to, { zone: MX_ZONE }).endOf('day').toJSDate();
  const statuses = STATUSES[q.status];
  const live = q.status === 'live' || q.status === 'overdue';

  let query = deadlinesInScope(db, user)
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .selectAll('case_deadlines')
    .select(['cases.child_name', 'cases.phase', 'cases.office', 'cases.caseworker_id', 'users.name as caseworker_name'])
    .where('case_deadlines.status', 'in', [...statuses])
    .where('case_deadlines.due_instant', '<=', end)
    // Live views also bring what is still open from before the period (overdue); others only the period.
    .where((eb) => (live ? eb.or([eb('case_deadlines.due_instant', '>=', start), eb('case_deadlines.due_instant', '<', now)]) : eb('case_deadlines.due_instant', '>=', start)));
  if (live) query = query.where('cases.closed_at', 'is', null);
  if (q.kind) query = query.where('case_deadlines.kind', '=', q.kind);
  if (q.rule) query = query.where('case_deadlines.rule_id', '=', q.rule);
  for (const condition of caseFilterConditions({ office: q.office, caseworker: q.caseworker })) query = query.where(condition);
  if (q.mine) query = query.where(casesAssignedTo(user.id));
  const rows = await query.orderBy('case_deadlines.due_instant').orderBy('case_deadlines.case_id').orderBy('case_deadlines.deadline_id').execute();

  const ctx = await contextFor(db);
  ctx.now = now;
  const items: AgendaItem[] = rows.map((r) => ({
    ...deadlineView(r, r.office, ctx, lang),
    childName: r.child_name,
    phase: r.phase as DeadlineListItem['phase'],
    caseworkerId: r.caseworker_id,
    caseworkerName: r.caseworker_name,
    office: r.office,
  }));
  const inRange = (i: AgendaItem) => agendaDateOf(i) >= range.from && agendaDateOf(i) <= range.to;
  const days = datesOf(range).map((date) => ({ date, items: items.filter((i) => agendaDateOf(i) === date) }));
  const overdueBefore = items.filter((i) => !inRange(i) && agendaDateOf(i) < range.from);

  return { range, days, overdueBefore, options: await scopeOptions(db, user) };
}
