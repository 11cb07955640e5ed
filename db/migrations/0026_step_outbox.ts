import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The steps a case will send, as data (issue 28): each case's projection keeps its pending ladder steps here
 * (activities/readModel.ts), and one dispatcher (workflows/stepDispatcher.ts) sends what falls due across cases,
 * one email per person, instead of every case waking at 09:00. `input` is the delivery the case would send;
 * `sent_at` is set once every recipient's ledger row is sent; `given_up_at` when the dispatcher left the step to
 * its case (an SMTP failure), whose own timer and retries then take it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('step_outbox')
    .addColumn('idempotency_base', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('step_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_instant', 'timestamptz')
    .addColumn('input', 'jsonb', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('given_up_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('step_outbox_case').on('step_outbox').column('case_id').execute();
  // What the dispatcher reads: the unsent steps by instant.
  await db.schema
    .createIndex('step_outbox_due')
    .on('step_outbox')
    .columns(['step_at', 'due_instant'])
    .where(sql<boolean>`sent_at is null and given_up_at is null`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('step_outbox').execute();
}
