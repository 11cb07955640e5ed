import type { Db } from '../../db/database';
import { notFound } from '../errors';

/** Ends a person's calendar feed (the link stops working at once); revoked is false when they had none. */
export async function revokeCalendarFeed(db: Db, userId: string): Promise<{ userId: string; revoked: boolean }> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound(`no user '${userId}'`);
  const deleted = await db.deleteFrom('calendar_tokens').where('user_id', '=', userId).executeTakeFirst();
  return { userId, revoked: Number(deleted.numDeletedRows) > 0 };
}
