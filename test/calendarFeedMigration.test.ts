/**
 * Migration 0006 is additive (a sealed copy of the link, the ladder of each deadline row); 0007 then drops
 * feeds that cannot be traced to the token that asked for them. So a link from before both stops working,
 * the page asks its owner for a new link, and the new one is shown on every visit.
 */
import { sql } from 'kysely';
import { apiTokenId, hashToken, issueApiToken, userForCalendarToken } from '../app/auth';
import { currentFeedLink, issueFeedLink } from '../app/calendar/feedLink';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { parseCodecKeys } from '../codec/keys';
import { migrateToLatest } from '../db/database';
import { TEST_CODEC_KEYS } from './codecKeys';
import { freshDatabase, migrateTo } from './migrationDatabase';

const pg = freshDatabase();
const codec = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS));

test('a feed link from before 0006 is dropped; the page offers a new one, which it then shows on every visit', async () => {
  await migrateTo(pg.db, '0005_user_admin');
  await sql`insert into users (id, name, email, role, language) values ('cw-old', 'Old', 'old@ong.test', 'caseworker', 'es')`.execute(pg.db);
  const old = 'plzcal_an-old-feed-token-from-before-0006';
  await sql`insert into calendar_tokens (token_hash, user_id) values (${hashToken(old)}, 'cw-old')`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toEqual(expect.arrayContaining(['0006_calendar_feed', '0007_calendar_feed_token']));
  expect(await userForCalendarToken(pg.db, old)).toBeNull();
  expect(await currentFeedLink(pg.db, codec, 'https://plazo.example', 'cw-old')).toBeNull();

  const via = (await apiTokenId(pg.db, await issueApiToken(pg.db, 'cw-old', 'laptop')))!;
  const made = await issueFeedLink(pg.db, codec, 'https://plazo.example', 'cw-old', via);
  expect(made.webcal).toMatch(/^webcal:\/\/plazo\.example\/calendar\/plzcal_[\w-]+\.ics$/);
  expect(await currentFeedLink(pg.db, codec, 'https://plazo.example', 'cw-old')).toEqual(made);
  expect(await userForCalendarToken(pg.db, old)).toBeNull();
  // The database holds the hash and a sealed copy, never the token in clear.
  const row = await pg.db.selectFrom('calendar_tokens').selectAll().where('user_id', '=', 'cw-old').executeTakeFirstOrThrow();
  const token = made.url.split('/calendar/')[1]!.replace('.ics', '');
  expect(JSON.stringify(row)).not.toContain(token);
  // A codec without the sealing key cannot show it (the link still works; its owner can make a new one).
  const other = new AesGcmCodec(parseCodecKeys(`other:${Buffer.alloc(32, 7).toString('base64')}`));
  expect(await currentFeedLink(pg.db, other, 'https://plazo.example', 'cw-old')).toBeNull();
  // Revoking the token that asked for it ends the link, and the page no longer shows it.
  await pg.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', via).execute();
  expect(await userForCalendarToken(pg.db, token)).toBeNull();
  expect(await currentFeedLink(pg.db, codec, 'https://plazo.example', 'cw-old')).toBeNull();
});
