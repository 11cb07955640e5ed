/** The open cases a rule-pack update may reach for this person: those they see, optionally only some. */
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { getRulePack, isDomainInputError } from '../../domain';
import type { AuthUser } from '../auth';
import { assertCan } from '../access';
import { ApiError, notFound } from '../errors';

/** The target pack, or a 400 naming the field. */
export function targetPack(to: string) {
  try {
    return getRulePack(to);
  } catch (err) {
    if (isDomainInputError(err)) throw new ApiError(400, 'invalid_request', err.message, 'to');
    throw err;
  }
}

/** Open cases in the person's scope, by id; each case id asked for must be one of them (404 otherwise). */
export async function packCases(db: Db, user: AuthUser, caseIds?: string[]): Promise<string[]> {
  assertCan(user, 'update_packs');
  let q = db.selectFrom('cases').select('id').where(caseScope(user)).where('closed_at', 'is', null);
  if (caseIds) q = q.where('id', 'in', caseIds.length ? caseIds : ['']);
  const ids = (await q.orderBy('id').execute()).map((r) => r.id);
  const missing = caseIds?.find((id) => !ids.includes(id));
  if (missing) throw notFound(`no open case '${missing}'`);
  return ids;
}
