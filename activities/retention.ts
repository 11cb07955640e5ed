/**
 * Tables that only grow, pruned once a day (workflows/retention.ts). What each keeps and why is in
 * docs/production.md ("Retention"). The ledger (notifications) is what makes every send exactly once,
 * so a row of it goes only when nothing can ask for its message again:
 *  - a case's messages: the case closed (and last projected) more than LEDGER_DAYS ago and none of its
 *    messages is unsent. A closed case's workflow completes only after every delivery in flight has gone
 *    out (workflows/caseWorkflow.ts), and deliveries retry without limit, so an unsent row means a retry
 *    may still come: the case's rows all stay, the sent ones too (a retried step skips them by their key).
 *    No reopening exists; a Temporal reset of a closed workflow is only possible within the namespace's
 *    retention (days), far inside LEDGER_DAYS.
 *  - a message of no case (a digest, a scheduled notification): only once sent, LEDGER_DAYS after. Its
 *    activity is retried after a send only if the worker died before reporting it (within minutes of
 *    startToClose); an unsent one may still be retried (no limit), so it stays.
 * A case id with no row in `cases` (not yet projected) counts as open.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database';

const DAY_MS = 86_400_000;

/** Days each table keeps a row, counted from when the row stopped mattering. */
export const RETENTION_DAYS = {
  /** Idempotency-Key answers, from the first request: client retries come within minutes. */
  idempotencyKeys: 7,
  /** One-click links, from their expiry: until then a late click is told "expired", not "unknown". */
  ackLinks: 30,
  /** Web sessions, from their end (revoked or expired): which device signed in, for an investigation. */
  endedSessions: 90,
  /** The ledger, from the case's closing (or the message's sending, for a message of no case). */
  ledger: 365,
} as const;

/** Rows deleted per statement: short transactions, so the API and the workers are never held up. */
const BATCH = 5_000;
/** Closed cases whose messages go per statement (a case has tens of messages). */
const CASE_BATCH = 200;

export interface PurgeResult {
  idempotencyKeys: number;
  ackLinks: number;
  endedSessions: number;
  ledger: number;
}

export function createRetentionActivities({ db }: { db: Db }) {
  const cutoff = (nowMs: number, days: number) => new Date(nowMs - days * DAY_MS);

  async function deleteBatched(table: string, where: RawBuilder<unknown>): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await sql`delete from ${sql.table(table)} where ctid in (select ctid from ${sql.table(table)} where ${where} limit ${BATCH})`.execute(db);
      const n = Number(r.numAffectedRows ?? 0);
      total += n;
      if (n < BATCH) return total;
    }
  }

  /** A case's messages all at once, by its index, a batch of cases at a time. */
  async function deleteClosedCasesLedger(before: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const r = await sql`
        delete from notifications where case_id in (
          select c.id from cases c
          where c.closed_at is not null and greatest(c.closed_at, c.updated_at) < ${before}
            and exists (select 1 from notifications n where n.case_id = c.id)
            and not exists (select 1 from notifications u where u.case_id = c.id and u.status <> 'sent')
          limit ${CASE_BATCH})`.execute(db);
      const n = Number(r.numAffectedRows ?? 0);
      total += n;
      if (n === 0) return total;
    }
  }

  return {
    /** Deletes what is past its retention as of `nowMs` (the workflow's clock); returns the rows deleted per table. */
    async purgeExpiredRows(nowMs: number): Promise<PurgeResult> {
      const keys = cutoff(nowMs, RETENTION_DAYS.idempotencyKeys);
      const links = cutoff(nowMs, RETENTION_DAYS.ackLinks);
      const sessions = cutoff(nowMs, RETENTION_DAYS.endedSessions);
      const ledger = cutoff(nowMs, RETENTION_DAYS.ledger);
      return {
        idempotencyKeys: await deleteBatched('idempotency_keys', sql`created_at < ${keys}`),
        ackLinks: await deleteBatched('ack_links', sql`expires_at < ${links}`),
        endedSessions: await deleteBatched('web_sessions', sql`(revoked_at is not null and revoked_at < ${sessions}) or expires_at < ${sessions}`),
        ledger: (await deleteClosedCasesLedger(ledger)) + (await deleteBatched('notifications', sql`case_id is null and status = 'sent' and sent_at < ${ledger}`)),
      };
    },
  };
}
