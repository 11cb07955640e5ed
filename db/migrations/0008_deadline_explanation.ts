import type { Kysely } from 'kysely';

/**
 * What a lawyer reads next to each deadline (issue 12): the term ("45 días hábiles, LRPCAP art. 24"),
 * the explanation (governing calendar, skipped days, closures used, the difference to dueLatest) and
 * the warnings (an agency's closures for a year not loaded). Additive: older rows keep NULL until their
 * case is projected again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('case_deadlines')
    .addColumn('term', 'text')
    .addColumn('explanation', 'text')
    .addColumn('warnings', 'jsonb')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').dropColumn('warnings').dropColumn('explanation').dropColumn('term').execute();
}
