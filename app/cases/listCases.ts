/**
 * GET /api/cases: the caller's cases a page at a time, in the order and with the keyset cursor of "Mis
 * casos" (listCasePage.ts): an admin's 50,000 cases were one 68 MB answer (issue 25, M1).
 */
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import { caseSummary } from '../caseViews';
import type { Lang } from '../remaining';
import type { CaseSummary } from '../schemas';
import { encodeCursor, type CaseListCursor } from '../caseListSchema';
import { contextFor } from '../remainingContext';
import { deadlinesOf } from './deadlinesOf';
import { casePageQuery } from './listCasePage';

export interface CasesPage {
  items: CaseSummary[];
  /** The `after` of the next page, or null on the last one. */
  next: string | null;
}

/** Open cases (closed too with includeClosed), danger first: a detained child, then the NGO's own deadlines, then what only an authority owes. */
export async function listCases(db: Db, user: AuthUser, lang: Lang, opts: { includeClosed: boolean; limit: number; after?: CaseListCursor }, now = new Date()): Promise<CasesPage> {
  const rows = await casePageQuery(db, user, { status: opts.includeClosed ? 'all' : 'open', overdue: false, after: opts.after }, now, opts.limit).execute();
  const shown = rows.slice(0, opts.limit);
  const [deadlines, ctx] = await Promise.all([deadlinesOf(db, shown.map((r) => r.id)), contextFor(db)]);
  const byCase = new Map<string, typeof deadlines>();
  for (const d of deadlines) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d]);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => caseSummary(r, byCase.get(r.id) ?? [], ctx, lang)),
    next: rows.length > opts.limit && last ? encodeCursor({ rank: Number(last.danger_rank), due: last.danger_key, id: last.id }) : null,
  };
}
