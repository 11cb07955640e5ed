import { type Kysely, sql } from 'kysely';

/**
 * The ledger's unsent messages, indexed apart (few rows, however long the ledger grows): the metrics read
 * the oldest at every scrape (metrics/ledgerGauges.ts), and the retention job asks whether a closed case
 * still has one (activities/retention.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('notifications_unsent_idx').on('notifications').columns(['case_id', 'created_at']).where(sql.ref('status'), '<>', 'sent').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('notifications_unsent_idx').execute();
}
