/** The offices and caseworkers of the cases a caller may see: the choices of the lists' filters. */
import type { Db } from '../db/database';
import { caseScope } from '../db/queries/caseScope';
import type { AuthUser } from './auth';

export interface ScopeOptions {
  offices: string[];
  caseworkers: { id: string; name: string }[];
}

export async function scopeOptions(db: Db, user: AuthUser): Promise<ScopeOptions> {
  const scope = db.selectFrom('cases').innerJoin('users', 'users.id', 'cases.caseworker_id').where(caseScope(user));
  const [offices, caseworkers] = await Promise.all([
    scope.select('cases.office').distinct().where('cases.office', 'is not', null).orderBy('cases.office').execute(),
    scope.select(['users.id', 'users.name']).distinct().orderBy('users.name').execute(),
  ]);
  return { offices: offices.map((o) => o.office!), caseworkers };
}
