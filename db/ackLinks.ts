/**
 * One-click "I'm on it" links in emails. A link carries a random token; only its SHA-256 hash is stored,
 * with the one thing it may do: acknowledge one series of one deadline for one person, until it expires.
 * Written by the worker (when it sends the email), read by the API (when the person clicks).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './database';

/** How long a link works after its step fired: a week covers a weekend and a holiday bridge. */
export const ACK_LINK_TTL_MS = 7 * 24 * 3600_000;

const TOKEN = /^plzack_[A-Za-z0-9_-]{43}$/;
/** A link's path inside an email's text (the ledger keeps the email without it). */
export const ACK_LINK_IN_TEXT = /\/ack\/plzack_[A-Za-z0-9_-]+/g;
const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export interface AckLinkPurpose {
  userId: string;
  caseId: string;
  /** The deadline's id inside the case (as the workflow names it). */
  deadlineId: string;
  series: string;
  expiresAt: Date;
}

/** A new link's token (shown once, in the email). */
export async function issueAckLink(db: Db, p: AckLinkPurpose): Promise<string> {
  return (await issueAckLinks(db, [p]))[0]!;
}

/** New links' tokens, in the order asked, written in one statement (a step's people get theirs together). */
export async function issueAckLinks(db: Db, purposes: AckLinkPurpose[]): Promise<string[]> {
  if (purposes.length === 0) return [];
  const tokens = purposes.map(() => `plzack_${randomBytes(32).toString('base64url')}`);
  await db
    .insertInto('ack_links')
    .values(purposes.map((p, i) => ({ token_hash: hashOf(tokens[i]!), user_id: p.userId, case_id: p.caseId, deadline_id: p.deadlineId, series: p.series, expires_at: p.expiresAt })))
    .execute();
  return tokens;
}

export type AckLinkCheck = { ok: true; link: AckLinkPurpose & { usedAt: Date | null } } | { ok: false; why: 'unknown' | 'expired' };

/** What a token may do, or why it may do nothing (a forged or mistyped token is simply unknown). */
export async function checkAckLink(db: Db, token: string, now: Date): Promise<AckLinkCheck> {
  if (!TOKEN.test(token)) return { ok: false, why: 'unknown' };
  const row = await db.selectFrom('ack_links').selectAll().where('token_hash', '=', hashOf(token)).executeTakeFirst();
  if (!row) return { ok: false, why: 'unknown' };
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, link: { userId: row.user_id, caseId: row.case_id, deadlineId: row.deadline_id, series: row.series, expiresAt: row.expires_at, usedAt: row.used_at } };
}

/** The first click's time, kept for the audit (later clicks keep it). */
export async function markAckLinkUsed(db: Db, token: string, at: Date): Promise<void> {
  await db.updateTable('ack_links').set({ used_at: at }).where('token_hash', '=', hashOf(token)).where('used_at', 'is', null).execute();
}
