import type { Kysely } from 'kysely';

/**
 * The calendar feed, right: each deadline's whole reminder ladder (the feed's VALARMs), and the feed
 * token sealed with the payload codec so the page can show a person their link again until they replace
 * it (the hash still answers the feed; a copy of the database alone does not reveal the link).
 * Additive: old rows have no ladder (no alarms until the case is next projected) and no sealed token
 * (the page asks for a new link).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').addColumn('steps', 'jsonb').execute();
  await db.schema.alterTable('calendar_tokens').addColumn('sealed_token', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calendar_tokens').dropColumn('sealed_token').execute();
  await db.schema.alterTable('case_deadlines').dropColumn('steps').execute();
}
