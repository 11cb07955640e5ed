/**
 * The cases a person's phone may keep for offline reading (client/web/pwa): the open ones they are named
 * on as caseworker, supervisor or lawyer — never the wider scope a supervisor or a director may read.
 */
import type { Db } from '../../db/database';
import { caseScope, casesAssignedTo } from '../../db/queries/caseScope';
import type { AuthUser } from '../auth';

/** A phone is for a day's caseload, not an archive: the most urgent this many are kept. */
export const DEVICE_CASE_LIMIT = 200;

export async function deviceCaseIds(db: Db, user: AuthUser): Promise<string[]> {
  const rows = await db
    .selectFrom('cases')
    .select('id')
    .where(casesAssignedTo(user.id))
    .where(caseScope(user))
    .where('closed_at', 'is', null)
    .orderBy('next_due_instant', (ob) => ob.asc().nullsLast())
    .orderBy('id')
    .limit(DEVICE_CASE_LIMIT)
    .execute();
  return rows.map((r) => r.id);
}

/** Whether a case may be kept on this person's device: they are named on it. */
export const keptOnDevice = (user: AuthUser, assignments: { caseworker: string; supervisor: string; lawyer: string }) =>
  assignments.caseworker === user.id || assignments.supervisor === user.id || assignments.lawyer === user.id;

/** Whether "Mis casos" shows this person only cases they are named on (a caseworker's and a lawyer's scope). */
export const caseListIsOwn = (user: AuthUser) => user.role === 'caseworker' || user.role === 'lawyer';
