/**
 * "Mis casos": the caller's cases, danger first, a page at a time. The order is the one migration 0018
 * indexes (db/queries/dangerOrder.ts): a detained child (or a live hour-counted deadline the NGO acts on)
 * by that instant, then the cases with the NGO's own live deadlines by the earliest (overdue ones first,
 * as they are earliest), then open cases where only an authority owes something or nothing is live,
 * then closed ones. Pages follow by keyset (the last row's key), so page
 * 200 costs what page 1 does (db/queries/dangerOrder.ts). Every filter is ANDed to the caller's scope (access.ts): none widens it.
 */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { isLive } from '../../domain/case/upcoming';
import { DANGER_DUE as DUE, DANGER_RANK as RANK } from '../../db/queries/dangerOrder';
import { caseScope } from '../../db/queries/caseScope';
import { caseFilterConditions } from '../../db/queries/caseFilters';
import type { AuthUser } from '../auth';
import { scopeOptions, type ScopeOptions } from '../scopeOptions';
import { encodeCursor, type CaseListQuery } from '../caseListSchema';
import { contextFor } from '../remainingContext';
import { deadlinesOf } from './deadlinesOf';
import { caseSummary, deadlineView, type CaseRow, type DeadlineRow } from '../caseViews';
import type { Lang, RemainingContext } from '../remaining';
import type { CaseSummary, DeadlineView } from '../schemas';

export const CASE_PAGE_SIZE = 50;

/** The cursor's copy of DUE, to the microsecond Postgres keeps (a JS Date would round it to the ms and repeat a row). */
const DUE_KEY = sql<string>`case when ${DUE} = 'infinity' then 'infinity' else to_char(${DUE} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`;

export interface CaseListItem extends CaseSummary {
  office: string | null;
  caseworkerName: string;
  /** Every live deadline of the case, danger first (deadlinesOf's order): the NGO's hour-counted ones, its others, an authority's. */
  deadlines: DeadlineView[];
}

export interface CaseListPage {
  items: CaseListItem[];
  /** The cursor of the next page, or null on the last one. */
  next: string | null;
  options: ScopeOptions;
}

/** The SQL of one page (without running it): the EXPLAIN test reads its plan. */
export function casePageQuery(db: Db, user: AuthUser, q: CaseListQuery, now: Date, limit = CASE_PAGE_SIZE) {
  let query = db.selectFrom('cases').selectAll().select([RANK.as('danger_rank'), DUE_KEY.as('danger_key')]).where(caseScope(user));
  if (q.status === 'open') query = query.where(sql<SqlBool>`${RANK} < 3`);
  if (q.status === 'closed') query = query.where(sql<SqlBool>`${RANK} = 3`);
  for (const condition of caseFilterConditions(q)) query = query.where(condition);
  // Overdue: the NGO's own (or a detention's) earliest live term is past; an authority's breach is not the caseworker's overdue.
  if (q.overdue) query = query.where('closed_at', 'is', null).where('duty_due_instant', '<', now);
  if (q.after) {
    const due = q.after.due === 'infinity' ? sql`'infinity'::timestamptz` : sql`${q.after.due}::timestamptz`;
    query = query.where(sql<SqlBool>`(${RANK}, ${DUE}, cases.id) > (${q.after.rank}, ${due}, ${q.after.id})`);
  }
  return query.orderBy(RANK).orderBy(DUE).orderBy('cases.id').limit(limit + 1);
}

export async function listCasePage(db: Db, user: AuthUser, q: CaseListQuery, lang: Lang, now = new Date()): Promise<CaseListPage> {
  const rows = await casePageQuery(db, user, q, now).execute();
  const more = rows.length > CASE_PAGE_SIZE;
  const shown = rows.slice(0, CASE_PAGE_SIZE);
  const ids = shown.map((r) => r.id);
  const [deadlines, names, ctx, options] = await Promise.all([
    deadlinesOf(db, ids),
    ids.length === 0 ? [] : db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(shown.map((r) => r.caseworker_id))]).execute(),
    contextFor(db),
    scopeOptions(db, user),
  ]);
  ctx.now = now;
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const byCase = new Map<string, DeadlineRow[]>();
  for (const d of deadlines) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d]);
  const items = shown.map((r) => listItem(r, byCase.get(r.id) ?? [], nameOf.get(r.caseworker_id) ?? r.caseworker_id, ctx, lang));
  const last = shown[shown.length - 1];
  const next = more && last ? encodeCursor({ rank: Number(last.danger_rank), due: last.danger_key, id: last.id }) : null;
  return { items, next, options };
}

function listItem(row: CaseRow, deadlines: DeadlineRow[], caseworkerName: string, ctx: RemainingContext, lang: Lang): CaseListItem {
  const live = deadlines.filter(isLive).map((d) => deadlineView(d, row.office, ctx, lang));
  return { ...caseSummary(row, deadlines, ctx, lang), office: row.office, caseworkerName, deadlines: live };
}
