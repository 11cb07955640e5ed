/**
 * The one-click acknowledgement links of the emails: who a link is for (active people only), what it
 * acknowledges, and that it was used. The acknowledgement itself is acknowledge.ts, as for every face.
 */
import { checkAckLink, markAckLinkUsed, type AckLinkCheck } from '../../db/ackLinks';
import type { Db } from '../../db/database';

export type { AckLinkCheck };

/** The link and its person (undefined when the link is unknown, expired, or the person no longer active). */
export async function resolveAckLink(db: Db, token: string, now: Date) {
  const check = await checkAckLink(db, token, now);
  const person = check.ok
    ? await db.selectFrom('users').select(['id', 'name', 'email', 'role', 'language', 'time_zone']).where('id', '=', check.link.userId).where('active', '=', true).executeTakeFirst()
    : undefined;
  return { check, person };
}

/** The deadline a link names, as its confirmation page shows it. */
export async function ackLinkDeadline(db: Db, caseId: string, deadlineId: string) {
  return db.selectFrom('case_deadlines').select(['rule_id', 'title', 'due', 'due_instant', 'unit']).where('case_id', '=', caseId).where('deadline_id', '=', deadlineId).executeTakeFirst();
}

export const ackLinkUsed = (db: Db, token: string, at: Date) => markAckLinkUsed(db, token, at);
