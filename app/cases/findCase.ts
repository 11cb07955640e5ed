/** The access filter of every operation on one case: the row if the caller may see it (db/queries/caseScope.ts). */
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import type { AuthUser } from '../auth';
import type { CaseRow } from '../caseViews';
import { notFound } from '../errors';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The case row if this user may see it; 404 otherwise (unknown and invisible look the same). */
export async function findCase(db: Db, user: AuthUser, id: string): Promise<CaseRow> {
  if (!CASE_ID.test(id)) throw notFound(`no case '${id}'`);
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).where(caseScope(user)).executeTakeFirst();
  if (!row) throw notFound(`no case '${id}'`);
  return row;
}
