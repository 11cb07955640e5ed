import { sql } from 'kysely';
import type { Db } from '../database';
import { awaitingDispatch } from '../stepOutbox';

/**
 * Age in seconds of the oldest step of the dispatcher's outbox (migration 0026) that is due and neither sent
 * by the dispatcher nor left to its case; 0 when none. A step its case sent by its own fallback timer leaves
 * the outbox with the case's projection (db/stepOutbox.ts), so a stalled dispatcher alone shows here for up
 * to the fallback's 2 minutes, and longer only when the case has not taken the step over either. Read by the
 * metrics (metrics/ledgerGauges.ts); the unsent rows are few and indexed apart (step_outbox_due).
 */
export async function oldestDueStepAgeSeconds(db: Db): Promise<number> {
  const row = await db
    .selectFrom('step_outbox')
    // greatest() skips a null: with no row, min() is null and the age is 0.
    .select(sql<string>`greatest(0, extract(epoch from now() - min(step_at)))`.as('age'))
    .where(awaitingDispatch())
    .where('step_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(row?.age ?? 0);
}
