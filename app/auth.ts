/**
 * Who is calling. API: `Authorization: Bearer <token>`; web pages: the same token in an HttpOnly cookie
 * set by the login form; calendar feeds: a separate token in the feed's URL. Only SHA-256 hashes of
 * tokens are stored, so a copy of the database does not let anyone in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DeliveryTrouble } from '../db/queries/deliveryTrouble';
import type { Db } from '../db/database';
import type { UserRole } from '../db/schema';
import type { Lang } from '../domain/messages/catalogue';

export interface AuthUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  language: Lang;
  /** The IANA zone the person reads times in (their preference; Mexico City when not loaded). */
  timeZone?: string;
  /** The id (tok_…) of the API token this request came with (or its web session was opened with); absent for a calendar feed. */
  tokenId?: string;
  /** The web session (ses_…) this request came with. */
  sessionId?: string;
  /** Pages only: emails failing now, for the banner of every page (db/queries/deliveryTrouble.ts). */
  deliveryTrouble?: DeliveryTrouble | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, URL-safe, with a prefix that says what it is (and lets secret scanners find it). */
export const newToken = (prefix: 'plz' | 'plzcal' = 'plz') => `${prefix}_${randomBytes(32).toString('base64url')}`;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,200}$/;

export async function userForApiToken(db: Db, token: string): Promise<AuthUser | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const hash = hashToken(token);
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.language', 'users.time_zone as timeZone', 'api_tokens.id as tokenId'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('token_hash', '=', hash).execute();
  return row;
}

/** The feed's owner, while the person is active and the API token that asked for the feed is not revoked. */
export async function userForCalendarToken(db: Db, token: string): Promise<AuthUser | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('calendar_tokens')
    .innerJoin('users', 'users.id', 'calendar_tokens.user_id')
    // No API token behind it (asked for from an email or OIDC session): it lives while its owner is active.
    .leftJoin('api_tokens', (j) => j.onRef('api_tokens.id', '=', 'calendar_tokens.api_token_id').onRef('api_tokens.user_id', '=', 'calendar_tokens.user_id'))
    .select(['users.id', 'users.name', 'users.email', 'users.role', 'users.language', 'users.time_zone as timeZone'])
    .where('calendar_tokens.token_hash', '=', hashToken(token))
    .where('users.active', '=', true)
    .where((eb) => eb.or([eb('calendar_tokens.api_token_id', 'is', null), eb.and([eb('api_tokens.id', 'is not', null), eb('api_tokens.revoked_at', 'is', null)])]))
    .executeTakeFirst();
  return row ?? null;
}

/** A new API token for a user; the caller shows it once. */
export async function issueApiToken(db: Db, userId: string, label: string, token = newToken()): Promise<string> {
  await db
    .insertInto('api_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, label, last_used_at: null, revoked_at: null })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
  return token;
}

/**
 * A new calendar-feed token, asked for with the API token `viaTokenId`; it replaces the user's previous
 * one (old links stop working), and stops working itself when that API token is revoked.
 */
export async function issueCalendarToken(db: Db, userId: string, viaTokenId: string | null, token = newToken('plzcal')): Promise<string> {
  await db
    .insertInto('calendar_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, api_token_id: viaTokenId })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), api_token_id: viaTokenId }))
    .execute();
  return token;
}

/** The public id of an API token, or null. */
export async function apiTokenId(db: Db, token: string): Promise<string | null> {
  const row = await db.selectFrom('api_tokens').select('id').where('token_hash', '=', hashToken(token)).executeTakeFirst();
  return row?.id ?? null;
}

/** `Authorization: Bearer <token>` → the token, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}
