/** The agenda: deadlines across every case the caller may see (access.ts scope), by Mexico City day. */
import { DateTime } from 'luxon';
import type { Db } from '../../db/database';
import { MX_ZONE } from '../../domain';
import { caseFilterConditions } from '../../db/queries/caseFilters';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import { casesAssignedTo } from '../../db/queries/caseScope';
import { LIVE_STATUSES } from '../../domain/case/upcoming';
import type { AuthUser } from '../auth';
import { sql } from 'kysely';
import { deadlineAfter, deadlineDueKey } from '../../db/queries/deadlineKeyset';
import { AGENDA_PAGE_SIZE, agendaDateOf, agendaRange, datesOf, type AgendaQuery, type AgendaRange } from '../agendaSchema';
import { encodeDeadlineCursor } from '../deadlineCursor';
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
  /** The cursor of the period's next page, or null on its last. */
  more: string | null;
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
    .select(deadlineDueKey().as('due_key'))
    .where('case_deadlines.status', 'in', [...statuses])
    .where('case_deadlines.due_instant', '<=', end)
    // Live views also bring what is still open from before the period (overdue); others only the period.
    .where((eb) => (live ? eb.or([eb('case_deadlines.due_instant', '>=', start), eb('case_deadlines.due_instant', '<', now)]) : eb('case_deadlines.due_instant', '>=', start)));
  if (live) query = query.where('cases.closed_at', 'is', null);
  if (q.kind) query = query.where('case_deadlines.kind', '=', q.kind);
  if (q.rule) query = query.where('case_deadlines.rule_id', '=', q.rule);
  for (const condition of caseFilterConditions({ office: q.office, caseworker: q.caseworker })) query = query.where(condition);
  if (q.mine) query = query.where(casesAssignedTo(user.id));
  // One rank (0): the agenda is in time order only.
  if (q.after) query = query.where(deadlineAfter(sql<number>`0`, q.after));
  const found = await query.orderBy('case_deadlines.due_instant').orderBy('case_deadlines.case_id').orderBy('case_deadlines.deadline_id').limit(AGENDA_PAGE_SIZE + 1).execute();
  const rows = found.slice(0, AGENDA_PAGE_SIZE);
  const last = rows[rows.length - 1];
  const more = found.length > AGENDA_PAGE_SIZE && last ? encodeDeadlineCursor({ rank: 0, due: last.due_key, caseId: last.case_id, deadlineId: last.deadline_id }) : null;

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
  // A page shows the days its deadlines fall on: from the first (after a cursor) to the last (before more).
  const firstDay = q.after && items[0] ? agendaDateOf(items[0]) : undefined;
  const lastDay = more && last ? agendaDateOf(items[items.length - 1]!) : undefined;
  const days = datesOf(range)
    .filter((date) => (!firstDay || date >= firstDay) && (!lastDay || date <= lastDay))
    .map((date) => ({ date, items: items.filter((i) => agendaDateOf(i) === date) }));
  const overdueBefore = items.filter((i) => !inRange(i) && agendaDateOf(i) < range.from);

  return { range, days, overdueBefore, options: await scopeOptions(db, user), more };
}
