/** Migration 0007: a feed made before it cannot be traced to a token, so it is dropped; API tokens are untouched. */
import { sql } from 'kysely';
import { hashToken, userForApiToken, userForCalendarToken } from '../app/auth';
import { migrateToLatest } from '../db/database';
import { freshDatabase, migrateTo, migrationsAfter } from './migrationDatabase';

const pg = freshDatabase();

test('an old feed link stops working after 0007; the API token that was there keeps working', async () => {
  await migrateTo(pg.db, '0006_calendar_feed');
  await sql`insert into users (id, name, email, role, language) values ('cw-old', 'Old', 'old@ong.test', 'caseworker', 'es')`.execute(pg.db);
  await sql`insert into api_tokens (token_hash, user_id, label) values (${hashToken('plz_api-token-before-0006')}, 'cw-old', 'laptop')`.execute(pg.db);
  await sql`insert into calendar_tokens (token_hash, user_id) values (${hashToken('plzcal_feed-before-0006-xxxxxxxx')}, 'cw-old')`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toEqual(migrationsAfter('0006_calendar_feed'));
  expect(await userForCalendarToken(pg.db, 'plzcal_feed-before-0006-xxxxxxxx')).toBeNull();
  expect(await pg.db.selectFrom('calendar_tokens').select('user_id').execute()).toEqual([]);
  expect(await userForApiToken(pg.db, 'plz_api-token-before-0006')).toMatchObject({ id: 'cw-old' });
});
