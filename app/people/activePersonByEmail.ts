import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** The active person with this email, regardless of case (single sign-on names people by email). */
export async function activePersonByEmail(db: Db, email: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('users').select('id').where(sql<string>`lower(email)`, '=', email.toLowerCase()).where('active', '=', true).executeTakeFirst();
}
