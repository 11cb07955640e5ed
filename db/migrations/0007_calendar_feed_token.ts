import { sql, type Kysely } from 'kysely';

/**
 * A calendar feed belongs to the API token (or web session, the same token) that asked for it: revoking
 * that token, or deactivating the person (which revokes all of theirs), ends the feed, and reactivating
 * does not bring it back. Feeds made before this cannot be traced to a token and are dropped: their
 * owners ask for a new link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`delete from calendar_tokens`.execute(db);
  await db.schema
    .alterTable('calendar_tokens')
    .addColumn('api_token_id', 'text', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calendar_tokens').dropColumn('api_token_id').execute();
}
