/** GET /api/cases: the caller's cases. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import type { AuthUser } from '../auth';
import { caseSummary } from '../caseViews';
import type { Lang } from '../remaining';
import type { CaseSummary } from '../schemas';
import { contextFor } from '../remainingContext';
import { deadlinesOf } from './deadlinesOf';

/** The caller's cases, open ones first, by the next live deadline. */
export async function listCases(db: Db, user: AuthUser, lang: Lang, opts: { includeClosed?: boolean } = {}): Promise<CaseSummary[]> {
  let q = db.selectFrom('cases').selectAll().where(caseScope(user));
  if (!opts.includeClosed) q = q.where('closed_at', 'is', null);
  const rows = await q.orderBy(sql`closed_at is not null`).orderBy(sql`next_due_instant asc nulls last`).orderBy('id').execute();
  const deadlines = await deadlinesOf(db, rows.map((r) => r.id));
  const ctx = await contextFor(db);
  return rows.map((r) => caseSummary(r, deadlines.filter((d) => d.case_id === r.id), ctx, lang));
}
