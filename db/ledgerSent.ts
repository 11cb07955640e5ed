/**
 * What the ledger (`notifications`) says went out, by idempotency key: the case noting what the dispatcher sent
 * (activities/deliveries.ts) and the timeline showing what it has not noted yet (app/cases/dispatchedNotNoted.ts)
 * read the same rows the same way.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** When each of `keys` the ledger holds as sent went out (epoch ms; 0 if it has no time). */
export async function sentTimes(db: Kysely<Database>, keys: string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('notifications').select(['idempotency_key', 'sent_at']).where('idempotency_key', 'in', keys).where('status', '=', 'sent').execute();
  return new Map(rows.map((r) => [r.idempotency_key, r.sent_at?.getTime() ?? 0]));
}

/** The latest of `keys`' sending (a step to several people went out when the last of them was told); 0 if none has a time. */
export const latestSent = (times: ReadonlyMap<string, number>, keys: string[]): number => Math.max(0, ...keys.map((k) => times.get(k) ?? 0));
