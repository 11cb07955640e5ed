import type { Kysely } from 'kysely';

/**
 * What a timeline entry says, as data (domain/case/timelineDetail.ts), read in the reader's language.
 * Null for rows projected before, and for entries of runs recorded before: their English summary is read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_timeline').addColumn('detail', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_timeline').dropColumn('detail').execute();
}
