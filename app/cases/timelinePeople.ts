/**
 * The names of the people a case's timeline mentions (who recorded a row, who was assigned, who corrected
 * it), by id: what the command line shows instead of login ids, as the page and the constancia do with
 * userNames. Only the people this timeline names, and only to whoever may read the case.
 */
import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import { userNames } from '../people/userNames';
import { loadTimeline } from './loadTimeline';

export async function timelinePeople(db: Db, user: AuthUser, id: string): Promise<Record<string, string>> {
  const [timeline, names] = await Promise.all([loadTimeline(db, user, id), userNames(db)]);
  const mentioned = new Set<string>();
  // Every string of every row, and its words (older rows name people inside their English summary).
  JSON.stringify(timeline, (_key, value: unknown) => {
    if (typeof value === 'string') for (const word of [value, ...value.split(/[\s,:()]+/)]) mentioned.add(word);
    return value;
  });
  return Object.fromEntries([...names].filter(([userId]) => mentioned.has(userId)));
}
