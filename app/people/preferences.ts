/** The signed-in person's own choices (the daily digest, the zone they read times in); nobody changes another's. */
import { z } from 'zod';
import type { Db } from '../../db/database';
import { PERSON_ZONES } from '../../domain/time/personZones';
import type { AuthUser } from '../auth';

export const PreferencesSchema = z.strictObject({
  dailyDigest: z.boolean(),
  timeZone: z.enum(PERSON_ZONES),
});
export type Preferences = z.output<typeof PreferencesSchema>;

export async function loadPreferences(db: Db, user: AuthUser): Promise<Preferences> {
  const row = await db.selectFrom('users').select(['daily_digest', 'time_zone']).where('id', '=', user.id).executeTakeFirstOrThrow();
  // A zone stored before the choice was offered (or set by hand) reads as it is.
  return { dailyDigest: row.daily_digest, timeZone: row.time_zone as Preferences['timeZone'] };
}

export async function savePreferences(db: Db, user: AuthUser, p: Preferences): Promise<void> {
  await db.updateTable('users').set({ daily_digest: p.dailyDigest, time_zone: p.timeZone }).where('id', '=', user.id).execute();
}
