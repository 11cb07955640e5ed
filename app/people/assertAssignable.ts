import { ApiError } from '../errors';
import type { Db } from '../../db/database';

/** One answer for a missing, inactive or other-role person: the caller learns nobody else's role. */
export async function assertAssignable(db: Db, field: string, userId: string, role: string): Promise<void> {
  const u = await db.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!u || !u.active || u.role !== role) throw new ApiError(422, 'invalid_assignment', `no active ${role} '${userId}'`, field);
}
