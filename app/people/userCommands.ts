/**
 * What an admin changes about people: add one, change their role, team, language or name, deactivate
 * (every token they hold is revoked, so a reactivated account needs a new token), issue a token (shown
 * once, stored as a hash) and revoke one. Shared by the API routes and the admin page, so both refuse
 * the same input with the same field and message. Role checks happen in the callers, before parsing.
 */
import { revokeAllSessions } from './sessions';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { Database, UserRole } from '../../db/schema';
import { hashToken, newToken } from '../auth';
import { ApiError, notFound } from '../errors';
import { listTokens, loadUser } from './userQueries';
import type { IssuedToken, NewTokenBody, NewUserBody, TokenView, UpdateUserBody, UserView } from '../userSchemas';

export type Tx = Transaction<Database>;

const ROLE_PREFIX: Record<UserRole, string> = { caseworker: 'cw', supervisor: 'sup', lawyer: 'law', director: 'dir', admin: 'adm' };

const conflict = (message: string, field: string | null) => new ApiError(409, 'conflict', message, field);

async function assertEmailFree(tx: Tx, email: string, exceptId?: string): Promise<void> {
  let q = tx.selectFrom('users').select('id').where(sql<boolean>`lower(email) = ${email}`);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw conflict(`'${email}' is the email of '${other.id}'`, 'email');
}

async function assertTeam(tx: Tx, team: string): Promise<void> {
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

async function setTeam(tx: Tx, userId: string, team: string | null): Promise<void> {
  if (team !== null) await assertTeam(tx, team);
  await tx.deleteFrom('team_members').where('user_id', '=', userId).execute();
  if (team !== null) await tx.insertInto('team_members').values({ team_id: team, user_id: userId }).execute();
}

async function openCasesOf(tx: Tx, userId: string): Promise<number> {
  const row = await tx
    .selectFrom('cases')
    .select(sql<string>`count(*)`.as('n'))
    .where('closed_at', 'is', null)
    .where((w) => w.or([w('caseworker_id', '=', userId), w('supervisor_id', '=', userId), w('lawyer_id', '=', userId)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function createUser(db: Db, body: NewUserBody): Promise<UserView> {
  const id = await db.transaction().execute(async (tx) => {
    await assertEmailFree(tx, body.email);
    if (body.team !== undefined) await assertTeam(tx, body.team);
    const id = body.id ?? (await freeId(tx, body.role, body.email));
    const inserted = await tx
      .insertInto('users')
      .values({ id, name: body.name, email: body.email, role: body.role, language: body.language })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw conflict(`a user '${id}' already exists`, 'id');
    if (body.team !== undefined) await setTeam(tx, id, body.team);
    return id;
  });
  return loadUser(db, id);
}

export async function updateUser(db: Db, id: string, body: UpdateUserBody): Promise<{ user: UserView; tokensRevoked: number }> {
  const tokensRevoked = await db.transaction().execute(async (tx) => {
    // Row lock: two admins demoting each other at once cannot leave the organization without one.
    const current = await tx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound(`no user '${id}'`);
    const role = body.role ?? current.role;
    const active = body.active ?? current.active;
    if (current.role === 'admin' && current.active && (role !== 'admin' || !active)) {
      const others = await tx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).where('id', '!=', id).forUpdate().execute();
      if (others.length === 0) throw conflict(`'${id}' is the last active admin: add another admin first`, body.active === false ? 'active' : 'role');
    }
    if (role !== current.role) {
      const open = await openCasesOf(tx, id);
      // Case access follows the role (a caseworker sees the cases they are the caseworker of): reassign first.
      if (open > 0) throw conflict(`'${id}' is assigned to ${open} open case(s) as a ${current.role}: reassign them before changing the role`, 'role');
      const led = await tx.selectFrom('teams').select('id').where('supervisor_id', '=', id).execute();
      if (led.length > 0) throw conflict(`'${id}' leads ${led.map((t) => `'${t.id}'`).join(', ')}: give the team another supervisor before changing the role`, 'role');
    }
    if (body.email !== undefined) await assertEmailFree(tx, body.email, id);
    const changes = { name: body.name, email: body.email, role: body.role, language: body.language, active: body.active };
    if (Object.values(changes).some((v) => v !== undefined)) await tx.updateTable('users').set(changes).where('id', '=', id).execute();
    if (body.team !== undefined) await setTeam(tx, id, body.team);
    if (active) return 0;
    // The calendar feed goes with the tokens (and would not come back on reactivation anyway: 0006).
    await tx.deleteFrom('calendar_tokens').where('user_id', '=', id).execute();
    await revokeAllSessions(tx, id, 'deactivated');
    const revoked = await tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(revoked.numUpdatedRows);
  });
  return { user: await loadUser(db, id), tokensRevoked };
}

/** A new API token for an active user; the answer is the only time the token itself is seen. */
export async function issueToken(db: Db, userId: string, body: NewTokenBody, createdBy: string): Promise<IssuedToken> {
  const user = await db.selectFrom('users').select(['id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound(`no user '${userId}'`);
  if (!user.active) throw conflict(`'${userId}' is inactive: reactivate the account first`, 'active');
  const token = newToken();
  const row = await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, label: body.label, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [tokenInfo] = (await listTokens(db, [userId])).filter((t) => t.id === row.id);
  return { token, tokenInfo: tokenInfo!, note: 'shown once: Plazo stores only its SHA-256 hash' };
}

/** Revokes a token by its public id; revoking one already revoked answers it as it is. */
export async function revokeToken(db: Db, tokenId: string): Promise<TokenView> {
  const row = await db.selectFrom('api_tokens').select(['user_id', 'revoked_at']).where('id', '=', tokenId).executeTakeFirst();
  if (!row) throw notFound(`no token '${tokenId}'`);
  if (!row.revoked_at) {
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).where('revoked_at', 'is', null).execute();
      // A feed asked for with this token ends with it.
      await tx.deleteFrom('calendar_tokens').where('api_token_id', '=', tokenId).execute();
    });
  }
  return (await listTokens(db, [row.user_id])).find((t) => t.id === tokenId)!;
}

/** Ends a person's calendar feed (the link stops working at once); revoked is false when they had none. */
export async function revokeCalendarFeed(db: Db, userId: string): Promise<{ userId: string; revoked: boolean }> {
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  if (!user) throw notFound(`no user '${userId}'`);
  const deleted = await db.deleteFrom('calendar_tokens').where('user_id', '=', userId).executeTakeFirst();
  return { userId, revoked: Number(deleted.numDeletedRows) > 0 };
}
