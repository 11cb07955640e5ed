/** The people a case can be assigned to (the new-case form). */
import type { Db } from '../../db/database';

export async function assignableUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', true)
    .where('role', 'in', ['caseworker', 'supervisor', 'lawyer'])
    .orderBy('role')
    .orderBy('name')
    .execute();
}
