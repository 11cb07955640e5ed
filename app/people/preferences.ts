/** The signed-in person's own choices (today: the daily digest); nobody changes another's. */
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';

export interface Preferences {
  dailyDigest: boolean;
}

export async function loadPreferences(db: Db, user: AuthUser): Promise<Preferences> {
  const row = await db.selectFrom('users').select('daily_digest').where('id', '=', user.id).executeTakeFirstOrThrow();
  return { dailyDigest: row.daily_digest };
}

export async function savePreferences(db: Db, user: AuthUser, p: Preferences): Promise<void> {
  await db.updateTable('users').set({ daily_digest: p.dailyDigest }).where('id', '=', user.id).execute();
}
