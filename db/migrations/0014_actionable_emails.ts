import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Emails one can act on (issue 15): each person's time zone (dates in their emails are written in it)
 * and whether they want the daily 09:00 digest; and the one-click "I'm on it" links, stored only as
 * SHA-256 hashes of their random tokens, each good for one series of one deadline for one person until
 * it expires. Additive: existing people read Mexico City time and get no digest until they opt in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('time_zone', 'text', (c) => c.notNull().defaultTo('America/Mexico_City'))
    .addColumn('daily_digest', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('ack_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'text', (c) => c.notNull())
    .addColumn('series', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('used_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ack_links').execute();
  await db.schema.alterTable('users').dropColumn('daily_digest').dropColumn('time_zone').execute();
}
