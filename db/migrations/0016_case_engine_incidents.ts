import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A case whose workflow stopped (or was reset, or fails its tasks) while the read model says it is open
 * (issue 25): when it was seen, what kind, since when, when the people were told and when it was over.
 * At most one open incident per case, so each incident is one alarm however often the reconciler runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_engine_incidents')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('detected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('alarmed_at', 'timestamptz')
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('case_engine_incidents_one_open').unique().on('case_engine_incidents').column('case_id').where(sql.ref('resolved_at'), 'is', null).execute();
  await db.schema.createIndex('case_engine_incidents_case').on('case_engine_incidents').columns(['case_id', 'detected_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_engine_incidents').execute();
}
