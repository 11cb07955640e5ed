/**
 * Web sessions: one per signed-in device, kept server-side. The cookie holds 32 random bytes
 * (node:crypto); the table holds only their SHA-256, so a copy of the database signs no one in.
 *
 * Lifetime: FIXED, 30 days from sign-in, not sliding. A stolen cookie dies on a known date whatever its
 * use, and a person signs in again once a month with one click on an emailed link or their provider.
 * `last_seen_at` is written at most once a minute, so listing sessions costs no write per page view.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { parseCookies } from './cookies';
import { hashToken, newToken, userForApiToken, type AuthUser } from '../auth';

export const SESSION_COOKIE = 'plazo_session';
export const SESSION_DAYS = 30;
const SESSION_MS = SESSION_DAYS * 86_400_000;

export type SignInMethod = 'email' | 'oidc' | 'token';

export interface SessionView {
  id: string;
  method: SignInMethod;
  userAgent: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** This request's own session. */
  current: boolean;
}

/**
 * The cookie attributes: HttpOnly (no script reads it), Secure when served over https, and SameSite=Lax —
 * not Strict — because a person arrives from another site (their mail, their identity provider) and must
 * land signed in; Lax still keeps the cookie off cross-site posts, and hardening.ts refuses those anyway.
 */
export const sessionCookieOptions = (publicUrl: string, maxAgeSeconds: number) =>
  ({ path: '/', httpOnly: true, sameSite: 'lax', secure: publicUrl.startsWith('https:'), maxAge: maxAgeSeconds }) as const;

/**
 * Over https the cookie is `__Host-plazo_session`: browsers accept a `__Host-` cookie only when it is Secure,
 * for path / and set by this very host, so a neighbouring subdomain cannot plant a session of its choosing
 * (nor shadow this one). Plain http (localhost, the tests) cannot have it: there it stays `plazo_session`.
 * Only the name for this PUBLIC_URL is read, so an unprefixed cookie is never taken over https.
 */
export const sessionCookieName = (publicUrl: string) => (publicUrl.startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

// Parsed here, not through @fastify/cookie's req.cookies: the auth hook may run before that plugin's.
export const sessionSecret = (req: FastifyRequest, publicUrl: string): string | undefined => parseCookies(req.headers.cookie)[sessionCookieName(publicUrl)] || undefined;

/** Opens a session for an active person on this device and sets its cookie. */
export async function startSession(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  publicUrl: string,
  userId: string,
  method: SignInMethod,
  apiTokenId: string | null = null,
): Promise<void> {
  const secret = newToken('plz');
  // This person's sessions ended more than 30 days ago are no one's business any more (the audit log keeps the sign-ins).
  await db
    .deleteFrom('web_sessions')
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', '<', sql<Date>`now() - interval '30 days'`), eb('revoked_at', '<', sql<Date>`now() - interval '30 days'`)]))
    .execute();
  await db
    .insertInto('web_sessions')
    .values({
      token_hash: hashToken(secret),
      user_id: userId,
      method,
      api_token_id: apiTokenId,
      user_agent: (req.headers['user-agent'] ?? '').slice(0, 300),
      ip: req.ip,
      expires_at: new Date(Date.now() + SESSION_MS),
    })
    .execute();
  reply.setCookie(sessionCookieName(publicUrl), secret, sessionCookieOptions(publicUrl, SESSION_MS / 1000));
}

export const clearSessionCookie = (reply: FastifyReply, publicUrl: string) => reply.clearCookie(sessionCookieName(publicUrl), sessionCookieOptions(publicUrl, 0));

/**
 * The person behind a session cookie: the session live (not revoked, not expired), its person active,
 * and, for a session opened with an API token, that token not revoked.
 */
export async function userForSession(db: Db, secret: string): Promise<(AuthUser & { sessionId: string }) | null> {
  if (!/^[A-Za-z0-9_-]{16,200}$/.test(secret)) return null;
  const row = await db
    .selectFrom('web_sessions')
    .innerJoin('users', 'users.id', 'web_sessions.user_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'web_sessions.api_token_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.language', 'users.time_zone as timeZone', 'web_sessions.id as sessionId', 'web_sessions.api_token_id as apiTokenId', 'web_sessions.last_seen_at as lastSeenAt'])
    .where('web_sessions.token_hash', '=', hashToken(secret))
    .where('web_sessions.revoked_at', 'is', null)
    .where('web_sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.active', '=', true)
    .where((eb) => eb.or([eb('web_sessions.api_token_id', 'is', null), eb('api_tokens.revoked_at', 'is', null)]))
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await db.updateTable('web_sessions').set({ last_seen_at: new Date() }).where('id', '=', row.sessionId).execute();
  }
  const { apiTokenId, lastSeenAt: _seen, ...user } = row;
  return apiTokenId ? { ...user, tokenId: apiTokenId } : user;
}

/** A person's live sessions, newest first. */
export async function listSessions(db: Db, userIds: string[], currentId?: string): Promise<Map<string, SessionView[]>> {
  const out = new Map<string, SessionView[]>();
  if (userIds.length === 0) return out;
  const rows = await db
    .selectFrom('web_sessions')
    .select(['id', 'user_id', 'method', 'user_agent', 'created_at', 'last_seen_at', 'expires_at'])
    .where('user_id', 'in', userIds)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.user_id) ?? [];
    list.push({ id: r.id, method: r.method, userAgent: r.user_agent, createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at, current: r.id === currentId });
    out.set(r.user_id, list);
  }
  return out;
}

/**
 * Ends one live session; `ownerId` limits it to that person's own (a person revoking theirs). Returns the
 * owner's id, or null when there is no such live session (nothing changes).
 */
export async function revokeSession(db: Db, sessionId: string, revokedBy: string, ownerId?: string): Promise<string | null> {
  let q = db.updateTable('web_sessions').set({ revoked_at: new Date(), revoked_by: revokedBy }).where('id', '=', sessionId).where('revoked_at', 'is', null);
  if (ownerId !== undefined) q = q.where('user_id', '=', ownerId);
  const row = await q.returning('user_id').executeTakeFirst();
  return row?.user_id ?? null;
}

/** Ends every live session of a person (deactivation). Runs in the caller's transaction. */
export async function revokeAllSessions(db: Pick<Db, 'updateTable'>, userId: string, revokedBy: string): Promise<number> {
  const r = await db.updateTable('web_sessions').set({ revoked_at: new Date(), revoked_by: revokedBy }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Web pages: the session cookie → the person. A cookie that holds an API token itself (how the web
 * signed in before sessions, migration 0012) still works while that token does, so an upgrade signs no one out.
 */
export async function webUser(db: Db, req: FastifyRequest, publicUrl: string): Promise<AuthUser | null> {
  const secret = sessionSecret(req, publicUrl);
  if (!secret) return null;
  return (await userForSession(db, secret)) ?? (await userForApiToken(db, secret));
}
