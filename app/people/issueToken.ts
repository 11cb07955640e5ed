import type { Db } from '../../db/database';
import { hashToken, newToken } from '../auth';
import { notFound } from '../errors';
import { listTokens } from './userQueries';
import type { IssuedToken, NewTokenBody } from '../userSchemas';
import { conflict } from './userRules';

/** A new API token for an active user; the answer is the only time the token itself is seen. */
export async function issueToken(db: Db, userId: string, body: NewTokenBody, createdBy: string): Promise<IssuedToken> {
  const user = await db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound(`no user '${userId}'`);
  if (!user.active) throw conflict(`'${userId}' is inactive: reactivate the account first`, 'active');
  const token = newToken();
  const row = await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, label: body.label, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [tokenInfo] = (await listTokens(db, [userId])).filter((t) => t.id === row.id);
  return { token, tokenInfo: tokenInfo!, note: 'shown once: Plazo stores only its SHA-256 hash' };
}
