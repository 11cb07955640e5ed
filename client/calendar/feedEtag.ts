/**
 * The calendar feed's entity tag (RFC 9110 8.8.3): a hash of what its text is made of — the rows' version
 * (app/calendar/feedDeadlines.ts feedVersion), the owner's name, language and zone, the public address —
 * and of FEED_FORMAT. It is computed without rendering the feed, so a poll of an unchanged feed costs one
 * aggregate query and answers 304.
 */
import { createHash } from 'node:crypto';
import type { FeedOptions } from './icsFeed';

/** Raise it when the feed's text changes for the same rows (words, properties, alarms): every copy is then stale. */
export const FEED_FORMAT = 2;

export function feedEtag(version: string, opts: FeedOptions): string {
  const hash = createHash('sha256').update(JSON.stringify([FEED_FORMAT, version, opts.ownerName, opts.lang, opts.zone ?? null, opts.publicUrl])).digest('base64url');
  return `"${hash.slice(0, 27)}"`;
}

/** If-None-Match holds this tag (weak comparison: a `W/` prefix does not matter), or is `*`. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
