import { type Kysely, sql } from 'kysely';

/**
 * Retried writes: the first answer to a caller's `Idempotency-Key` is kept, so the same request sent
 * again (a double click, a client retry after a timeout) is answered with it instead of running twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // What was asked (action, target, body), hashed: the same key for another request is refused.
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Null while the first request runs.
    .addColumn('status', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
