/**
 * Migration 0012 (web sessions, sign-in links, feeds without an API token) is additive: feeds and tokens
 * made before it keep working, a feed still ends with its revoked token, and going down drops only what
 * 0012 made possible.
 */
import { Migrator, sql } from 'kysely';
import { hashToken, userForApiToken, userForCalendarToken } from '../app/auth';
import { migrateToLatest } from '../db/database';
import { migrations } from '../db/migrations';
import { freshDatabase, migrationsAfter } from './migrationDatabase';

const pg = freshDatabase();

const API = 'plz_api-token-before-0012-xxxxxxxx';
const FEED = 'plzcal_feed-before-0012-xxxxxxxx';
const SESSION_FEED = 'plzcal_feed-from-a-session-xxxxxxx';

test('feeds and tokens from before 0012 keep working; a feed still ends with its token; down drops only token-less feeds', async () => {
  const migrator = new Migrator({ db: pg.db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo('0011_overlay_corrections')).error).toBeUndefined();
  await sql`insert into users (id, name, email, role, language) values ('cw-old', 'Old', 'old@ong.test', 'caseworker', 'es'), ('cw-new', 'New', 'new@ong.test', 'caseworker', 'en')`.execute(pg.db);
  await sql`insert into api_tokens (token_hash, user_id, label) values (${hashToken(API)}, 'cw-old', 'laptop')`.execute(pg.db);
  const tokenId = (await pg.db.selectFrom('api_tokens').select('id').executeTakeFirstOrThrow()).id;
  await sql`insert into calendar_tokens (token_hash, user_id, api_token_id) values (${hashToken(FEED)}, 'cw-old', ${tokenId})`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toEqual(migrationsAfter('0011_overlay_corrections'));
  expect(await userForApiToken(pg.db, API)).toMatchObject({ id: 'cw-old' });
  expect(await userForCalendarToken(pg.db, FEED)).toMatchObject({ id: 'cw-old' });

  // A feed asked for from an email or OIDC session has no token behind it.
  await pg.db.insertInto('calendar_tokens').values({ token_hash: hashToken(SESSION_FEED), user_id: 'cw-new', api_token_id: null }).execute();
  expect(await userForCalendarToken(pg.db, SESSION_FEED)).toMatchObject({ id: 'cw-new' });

  // Revoking the token still ends the feed it asked for.
  await pg.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', tokenId).execute();
  expect(await userForCalendarToken(pg.db, FEED)).toBeNull();

  expect((await migrator.migrateTo('0011_overlay_corrections')).error).toBeUndefined();
  expect(await pg.db.selectFrom('calendar_tokens').select('user_id').execute()).toEqual([{ user_id: 'cw-old' }]);
  const tables = await sql<{ n: string }>`select count(*) as n from information_schema.tables where table_name in ('web_sessions', 'sign_in_links')`.execute(pg.db);
  expect(Number(tables.rows[0]!.n)).toBe(0);
});
