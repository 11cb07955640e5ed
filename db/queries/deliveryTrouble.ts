import { sql } from 'kysely';
import type { Db } from '../database';

/** What the frame of every page tells a person while emails fail (client/web/layout.ts). */
export interface DeliveryTrouble {
  /** When the oldest email still failing first failed (its first attempt is made as it is written). */
  failingSince: Date;
  /** This person's own hour-counted alarms that could not be emailed, one per case. */
  alarms: { caseId: string; childName: string; ruleId: string; title: string; since: Date }[];
}

/**
 * One query per page, on the ledger's unsent rows only (partial index of migration 0017: `status <> 'sent'`
 * is written out so the planner uses it, however long the ledger grows); apart so a test can EXPLAIN it.
 */
export const deliveryTroubleQuery = (email: string) =>
  sql<{ since: Date | null; alarms: { caseId: string; childName: string; ruleId: string; title: string; since: string }[] }>`
    select min(n.created_at) as since,
           coalesce(json_agg(json_build_object('caseId', n.case_id, 'childName', c.child_name, 'ruleId', d.rule_id, 'title', d.title, 'since', n.created_at) order by n.created_at)
             filter (where d.unit = 'hours' and lower(n.recipient) = lower(${email})), '[]') as alarms
    from notifications n
    left join cases c on c.id = n.case_id
    left join case_deadlines d on d.case_id = n.case_id and d.deadline_id = n.deadline_id
    where n.status <> 'sent' and n.status = 'failed' and n.channel = 'email' and c.closed_at is null`;

/** What the banner shows this person; null when no email is failing. */
export async function deliveryTrouble(db: Db, email: string): Promise<DeliveryTrouble | null> {
  const { rows } = await deliveryTroubleQuery(email).execute(db);
  const row = rows[0];
  if (!row?.since) return null;
  const seen = new Set<string>();
  const alarms = row.alarms.filter((a) => !seen.has(a.caseId) && seen.add(a.caseId)).map((a) => ({ ...a, since: new Date(a.since) }));
  return { failingSince: new Date(row.since), alarms };
}
