/**
 * The dashboard's caseload (open, overdue, detained now, due in the next 7 days) overall and by office, caseworker
 * and phase, counted by Postgres in one query (grouping sets): a handful of rows cross the wire whatever
 * the number of cases, so the figures never hold the event loop (issue 25, M1).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { isDueBetween, isOverdueDeadline, nextDaysWindow } from '../../db/queries/deadlineWindows';
import { isLiveDeadline } from '../../db/queries/liveDeadlines';
import { isNgoDuty } from '../../db/queries/dangerOrder';
import type { AuthUser } from '../auth';
import type { Breakdown, Caseload } from './programFigures';

export interface CaseloadFigures {
  caseload: Caseload;
  byOffice: Breakdown[];
  byCaseworker: Breakdown[];
  byPhase: Breakdown[];
}

export async function loadCaseload(db: Db, user: AuthUser, now: Date): Promise<CaseloadFigures> {
  const next = nextDaysWindow(now);
  const overdue = sql<boolean>`(${isOverdueDeadline(now)} and ${isNgoDuty()})`;
  const dueThisWeek = isDueBetween(next.from, next.to);
  const rows = await db
    // Only the deadlines that count (the NGO's overdue ones, those due this week), per case: not every
    // live deadline of the registry grouped by case (that grouping was most of the dashboard's 50,000-case time).
    .with('flagged', (qb) =>
      qb
        .selectFrom('case_deadlines')
        .where(isLiveDeadline())
        .where((eb) => eb.or([overdue, dueThisWeek]))
        .groupBy('case_deadlines.case_id')
        .select([
          'case_deadlines.case_id',
          // The NGO's own overdue terms: an authority's is its breach (loadBreaches.ts), not the team's.
          sql<boolean>`bool_or(${overdue})`.as('overdue'),
          sql<number>`count(*) filter (where ${dueThisWeek})`.as('due_this_week'),
        ]),
    )
    .with('open_case', (qb) =>
      qb
        .selectFrom('cases')
        .innerJoin('users', 'users.id', 'cases.caseworker_id')
        .leftJoin('flagged', 'flagged.case_id', 'cases.id')
        .where(caseScope(user))
        .where('cases.closed_at', 'is', null)
        .select([
          'cases.office',
          'cases.caseworker_id',
          'users.name as caseworker_name',
          'cases.phase',
          'cases.detained',
          sql<boolean>`coalesce(flagged.overdue, false)`.as('overdue'),
          sql<number>`coalesce(flagged.due_this_week, 0)`.as('due_this_week'),
        ]),
    )
    .selectFrom('open_case')
    .select([
      sql<string>`case when grouping(office) = 0 then 'office' when grouping(caseworker_id) = 0 then 'caseworker' when grouping(phase) = 0 then 'phase' else 'all' end`.as('by'),
      'office',
      'caseworker_id',
      sql<string>`max(caseworker_name)`.as('caseworker_name'),
      'phase',
      sql<number>`count(*)::int`.as('open'),
      sql<number>`(count(*) filter (where overdue))::int`.as('overdue'),
      sql<number>`(count(*) filter (where detained))::int`.as('detained'),
      sql<number>`coalesce(sum(due_this_week), 0)::int`.as('due_this_week'),
    ])
    .groupBy(sql`grouping sets ((), (office), (caseworker_id), (phase))`)
    .execute();

  const counts = (r: (typeof rows)[number]): Caseload => ({ open: r.open, overdue: r.overdue, detained: r.detained, dueThisWeek: r.due_this_week });
  const breakdown = (by: string, keyOf: (r: (typeof rows)[number]) => [string, string]): Breakdown[] =>
    rows
      .filter((r) => r.by === by)
      .map((r) => ({ key: keyOf(r)[0], label: keyOf(r)[1], ...counts(r) }))
      .sort((a, b) => b.open - a.open || a.label.localeCompare(b.label));
  const all = rows.find((r) => r.by === 'all');
  return {
    caseload: all ? counts(all) : { open: 0, overdue: 0, detained: 0, dueThisWeek: 0 },
    byOffice: breakdown('office', (r) => [r.office ?? '', r.office ?? '—']),
    byCaseworker: breakdown('caseworker', (r) => [r.caseworker_id, r.caseworker_name]),
    byPhase: breakdown('phase', (r) => [r.phase, r.phase]),
  };
}
