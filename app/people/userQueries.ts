/** Read side of user administration: people with their teams, tokens (never hashes) and open cases. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { notFound } from '../errors';
import type { TeamView, TokenView, UserView } from '../userSchemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listTokens(db: Db, userIds?: string[]): Promise<TokenView[]> {
  let q = db.selectFrom('api_tokens').select(['id', 'user_id', 'label', 'created_at', 'created_by', 'last_used_at', 'revoked_at']);
  if (userIds) {
    if (userIds.length === 0) return [];
    q = q.where('user_id', 'in', userIds);
  }
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((t) => ({
    id: t.id,
    userId: t.user_id,
    label: t.label,
    createdAt: t.created_at.toISOString(),
    createdBy: t.created_by,
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
  }));
}

/** Every person (or one), active first, by role and name. */
export async function listUsers(db: Db, onlyId?: string): Promise<UserView[]> {
  let q = db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'language', 'active', 'created_at'])
    .select((eb) => [
      eb.selectFrom('team_members').select(sql<string[]>`coalesce(array_agg(team_id order by team_id), '{}')`.as('t')).whereRef('team_members.user_id', '=', 'users.id').as('teams'),
      eb
        .selectFrom('cases')
        .select(sql<string>`count(*)`.as('n'))
        .where('cases.closed_at', 'is', null)
        .where((w) => w.or([w('cases.caseworker_id', '=', w.ref('users.id')), w('cases.supervisor_id', '=', w.ref('users.id')), w('cases.lawyer_id', '=', w.ref('users.id'))]))
        .as('open_cases'),
      eb
        .selectFrom('calendar_tokens')
        .leftJoin('api_tokens', 'api_tokens.id', 'calendar_tokens.api_token_id')
        .select(sql<boolean>`count(*) > 0`.as('f'))
        .whereRef('calendar_tokens.user_id', '=', 'users.id')
        .where((w) => w.or([w('calendar_tokens.api_token_id', 'is', null), w('api_tokens.revoked_at', 'is', null)]))
        .as('calendar_feed'),
    ]);
  if (onlyId !== undefined) q = q.where('id', '=', onlyId);
  const rows = await q.orderBy('active', 'desc').orderBy('role').orderBy('name').execute();
  const tokens = await listTokens(db, rows.map((r) => r.id));
  return rows.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    language: u.language,
    active: u.active,
    createdAt: u.created_at.toISOString(),
    teams: u.teams ?? [],
    openCases: Number(u.open_cases ?? 0),
    tokens: tokens.filter((t) => t.userId === u.id),
    calendarFeed: u.calendar_feed === true,
  }));
}

export async function loadUser(db: Db, id: string): Promise<UserView> {
  const [user] = await listUsers(db, id);
  if (!user) throw notFound(`no user '${id}'`);
  return user;
}

export async function listTeams(db: Db): Promise<TeamView[]> {
  const rows = await db.selectFrom('teams').select(['id', 'name', 'supervisor_id']).orderBy('name').execute();
  return rows.map((t) => ({ id: t.id, name: t.name, supervisorId: t.supervisor_id }));
}
