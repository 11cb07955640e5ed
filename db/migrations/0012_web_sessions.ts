import { sql, type Kysely } from 'kysely';

/**
 * People sign in on the web with an emailed link or their organization's OpenID Connect provider, and each
 * device gets a server-side session (client/api/sessions.ts). Only SHA-256 hashes of session ids and link
 * secrets are stored. Additive: existing tokens and feeds keep working. A calendar feed asked for from such
 * a session has no API token behind it (api_token_id null): it lives while its owner is active.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('web_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey().defaultTo(sql`'ses_' || replace(gen_random_uuid()::text, '-', '')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('email', 'oidc', 'token')`))
    .addColumn('api_token_id', 'text', (c) => c.references('api_tokens.id').onDelete('cascade'))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ip', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('web_sessions_user_idx').on('web_sessions').column('user_id').execute();

  await db.schema
    .createTable('sign_in_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('next', 'text', (c) => c.notNull().defaultTo('/'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('sign_in_links_user_idx').on('sign_in_links').columns(['user_id', 'created_at']).execute();

  await db.schema.alterTable('calendar_tokens').alterColumn('api_token_id', (c) => c.dropNotNull()).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from calendar_tokens where api_token_id is null`.execute(db);
  await db.schema.alterTable('calendar_tokens').alterColumn('api_token_id', (c) => c.setNotNull()).execute();
  await db.schema.dropTable('sign_in_links').execute();
  await db.schema.dropTable('web_sessions').execute();
}
