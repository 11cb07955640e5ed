import type { Kysely } from 'kysely';

/** The organization's own file number (expediente) beside the case id: searchable, not unique. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('file_number', 'text').execute();
  await db.schema.createIndex('cases_file_number').on('cases').column('file_number').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('cases_file_number').execute();
  await db.schema.alterTable('cases').dropColumn('file_number').execute();
}
