import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * Imports (issue 27 item 2): each case remembers the import that opened it (cases.import_run, so the
 * import's one summary per person finds its cases), and each import run in the background keeps its
 * progress and its answer in import_runs, so the run's page survives a restart of the API (a run whose
 * heartbeat stopped is shown as interrupted).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('import_run', 'text').execute();
  await db.schema.createIndex('cases_import_run').on('cases').column('import_run').where(sql.ref('import_run'), 'is not', null).execute();
  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_run', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resumed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answer', 'json') // json, not jsonb: the answer's key order (the summary's statuses) is kept
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('heartbeat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('import_runs_user').on('import_runs').columns(['user_id', 'started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('import_runs').execute();
  await db.schema.alterTable('cases').dropColumn('import_run').execute();
}
