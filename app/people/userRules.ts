/** What every change to a person checks: a free email, an existing team, an id of its own; and their open cases. */
import { sql, type Transaction } from 'kysely';
import type { Database, UserRole } from '../../db/schema';
import { ApiError } from '../errors';
import { casesAssignedTo } from '../../db/queries/caseScope';

export type Tx = Transaction<Database>;

const ROLE_PREFIX: Record<UserRole, string> = { caseworker: 'cw', supervisor: 'sup', lawyer: 'law', director: 'dir', admin: 'adm' };

export const conflict = (message: string, field: string | null) => new ApiError(409, 'conflict', message, field);

export async function assertEmailFree(tx: Tx, email: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom('users').select('id').where(sql<boolean>`lower(email) = ${email}`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw conflict(`'${email}' is the email of '${other.id}'`, 'email');
}

export async function assertTeam(tx: Tx, team: string): Promise<void> {
  const found = await tx.selectFrom('teams').select('id').where('id', '=', team).executeTakeFirst();
  if (!found) throw new ApiError(422, 'invalid_request', `no team '${team}'`, 'team');
}

/** `cw-ana` from a caseworker with ana.morales@…: readable like the demo's ids, unique with a suffix. */
export async function freeId(tx: Tx, role: UserRole, email: string): Promise<string> {
  const local = email.split('@')[0]!.split(/[.+]/)[0]!.replace(/[^a-z0-9-]/g, '').slice(0, 40) || 'user';
  const base = `${ROLE_PREFIX[role]}-${local}`;
  const taken = new Set((await tx.selectFrom('users').select('id').where('id', 'like', `${base}%`).execute()).map((r) => r.id));
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export async function setTeam(tx: Tx, userId: string, team: string | null): Promise<void> {
  if (team !== null) await assertTeam(tx, team);
  await tx.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (team !== null) await tx.insertInto('team_members').values({ team_id: team, user_id: userId }).execute();
}

export async function openCasesOf(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('cases')
    .select(sql<string>`count(*)`.as('n'))
    .where('closed_at', 'is', null)
    .where(casesAssignedTo(userId))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
