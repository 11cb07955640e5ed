import { sql } from 'kysely';
import type { Db } from '../database';

/**
 * The ledger's messages not yet delivered, by the unit of their deadline ('none': a message of no
 * deadline): how many and the age of the oldest (from its due instant, 0 when in the future). Closed cases
 * left out. Read by the metrics (metrics/ledgerGauges.ts) and the admin status page alike; the unsent rows
 * are few and indexed apart (migration 0017).
 */
export async function undeliveredByUnit(db: Db): Promise<{ unit: string; count: number; oldestAgeSeconds: number }[]> {
  const { rows } = await sql<{ unit: string; n: string; age: string }>`
    select coalesce(d.unit, 'none') as unit, count(*) as n,
           greatest(0, extract(epoch from now() - min(coalesce(n.scheduled_for, n.created_at)))) as age
    from notifications n
    left join cases c on c.id = n.case_id
    left join case_deadlines d on d.case_id = n.case_id and d.deadline_id = n.deadline_id
    where n.status <> 'sent' and c.closed_at is null
    group by 1`.execute(db);
  return rows.map((r) => ({ unit: r.unit, count: Number(r.n), oldestAgeSeconds: Number(r.age) }));
}
