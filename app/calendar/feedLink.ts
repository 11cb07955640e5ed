/**
 * A person's calendar-feed link. The token answers the feed by its SHA-256 hash (app/auth.ts);
 * a copy sealed with the payload codec (AES-256-GCM, the keys in PLAZO_CODEC_KEYS) lets the page show the
 * same link again until its owner replaces it — reloading a page never issues a new one.
 */
import type { PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Db } from '../../db/database';
import { hashToken, issueCalendarToken, newToken } from '../auth';

const Payload = temporal.api.common.v1.Payload;

async function seal(codec: PayloadCodec, token: string): Promise<string> {
  const [sealed] = await codec.encode([{ metadata: { encoding: new TextEncoder().encode('binary/plain') }, data: new TextEncoder().encode(token) }]);
  return Buffer.from(Payload.encode(sealed!).finish()).toString('base64');
}

async function unseal(codec: PayloadCodec, sealed: string): Promise<string | null> {
  try {
    const [p] = await codec.decode([Payload.decode(Buffer.from(sealed, 'base64'))]);
    return p?.data ? new TextDecoder().decode(p.data) : null;
  } catch {
    // A key that left PLAZO_CODEC_KEYS: the link still works, but only a new one can be shown.
    return null;
  }
}

export interface FeedLinks {
  /** https:// (or http://) address of the .ics file. */
  url: string;
  /** The same address as webcal://, which opens a subscription in calendar apps. */
  webcal: string;
}

export function feedLinks(publicUrl: string, token: string): FeedLinks {
  const url = `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`;
  return { url, webcal: url.replace(/^https?:\/\//, 'webcal://') };
}

/**
 * A new link (or the given token's); the previous one stops working. It lives as long as the API token
 * (`viaTokenId`) that asked for it — directly or through the web session it opened; asked for from an email
 * or OIDC session (null), as long as its owner is active.
 */
export async function issueFeedLink(db: Db, codec: PayloadCodec, publicUrl: string, userId: string, viaTokenId: string | null, token = newToken('plzcal')): Promise<FeedLinks> {
  await issueCalendarToken(db, userId, viaTokenId, token);
  await db.updateTable('calendar_tokens').set({ sealed_token: await seal(codec, token) }).where('user_id', '=', userId).where('token_hash', '=', hashToken(token)).execute();
  return feedLinks(publicUrl, token);
}

/** The person's current link, or null when they have none (or it can no longer be shown). */
export async function currentFeedLink(db: Db, codec: PayloadCodec, publicUrl: string, userId: string): Promise<FeedLinks | null> {
  // Only a link that still answers: its token not revoked, its owner active.
  const row = await db
    .selectFrom('calendar_tokens')
    .innerJoin('users', 'users.id', 'calendar_tokens.user_id')
    .leftJoin('api_tokens', 'api_tokens.id', 'calendar_tokens.api_token_id')
    .select(['calendar_tokens.token_hash', 'calendar_tokens.sealed_token'])
    .where('calendar_tokens.user_id', '=', userId)
    .where('users.active', '=', true)
    .where((eb) => eb.or([eb('calendar_tokens.api_token_id', 'is', null), eb('api_tokens.revoked_at', 'is', null)]))
    .executeTakeFirst();
  if (!row?.sealed_token) return null;
  const token = await unseal(codec, row.sealed_token);
  // The sealed copy must be of the token that answers the feed now.
  return token && hashToken(token) === row.token_hash ? feedLinks(publicUrl, token) : null;
}
