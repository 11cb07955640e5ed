import type { Kysely } from 'kysely';

/**
 * Each deadline's rule pack (a case moved to a newer pack keeps the old one on a deadline whose change a
 * person refused or has not yet accepted) and the change waiting for acceptance (issue 24). Null in rows
 * projected before: the case's pack, nothing waiting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').addColumn('rule_pack', 'text').addColumn('pending_pack', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').dropColumn('rule_pack').dropColumn('pending_pack').execute();
}
