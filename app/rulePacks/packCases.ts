/** The open cases a rule-pack update may reach for this person: those they see, optionally only some. */
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { getRulePack, isDomainInputError } from '../../domain';
import type { AuthUser } from '../auth';
import { ApiError, forbidden, notFound } from '../errors';

/**
 * Whether a new pack reaches a pending case is a legal decision (issue 24): a lawyer's on their cases, or
 * an admin's. Not yet an action of app/access.ts: that table lists only actions the HTTP API offers.
 */
export function assertMayUpdatePacks(user: AuthUser): void {
  if (user.role !== 'lawyer' && user.role !== 'admin') throw forbidden(`a ${user.role} may not move cases to another rule pack`);
}

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
  assertMayUpdatePacks(user);
  let q = db.selectFrom('cases').select('id').where(caseScope(user)).where('closed_at', 'is', null);
  if (caseIds) q = q.where('id', 'in', caseIds.length ? caseIds : ['']);
  const ids = (await q.orderBy('id').execute()).map((r) => r.id);
  const missing = caseIds?.find((id) => !ids.includes(id));
  if (missing) throw notFound(`no open case '${missing}'`);
  return ids;
}
