import { type Kysely, sql } from 'kysely';

/**
 * User and token administration: every API token gets a public id (so an admin can list and revoke one
 * without ever seeing its hash) and remembers who issued it. Additive only: existing tokens get an id
 * and keep working; nothing stored is changed or dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    // gen_random_uuid() is built into Postgres 13+; existing rows are filled in by the default.
    .addColumn('id', 'text', (c) => c.notNull().defaultTo(sql`'tok_' || replace(gen_random_uuid()::text, '-', '')`))
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_id_idx').on('api_tokens').column('id').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('api_tokens_id_idx').execute();
  await db.schema.alterTable('api_tokens').dropColumn('created_by').dropColumn('id').execute();
}
