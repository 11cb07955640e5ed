import { type Kysely, sql } from 'kysely';

/**
 * Who acknowledged which series of a deadline, for whom and when (and who withdrew it), so the case
 * page, the inbox and the API can show it. Additive: existing rows read as "nobody acknowledged" until
 * their case is projected again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').addColumn('acks', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').dropColumn('acks').execute();
}
