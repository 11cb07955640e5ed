import type { Db } from '../../db/database';
import { notFound } from '../errors';
import { listTokens } from './userQueries';
import type { TokenView } from '../userSchemas';

/** Revokes a token by its public id; revoking one already revoked answers it as it is. */
export async function revokeToken(db: Db, tokenId: string): Promise<TokenView> {
  const row = await db.selectFrom('api_tokens').select(['user_id', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst();
  if (!row) throw notFound(`no token '${tokenId}'`);
  if (!row.revoked_at) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
      // A feed asked for with this token ends with it.
      await tx.deleteFrom('calendar_tokens').where('api_token_id', '=', tokenId).execute();
    });
  }
  return (await listTokens(db, [row.user_id])).find((t) => t.id === tokenId)!;
}
