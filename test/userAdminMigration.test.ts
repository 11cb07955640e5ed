/** Migration 0005 is additive: tokens issued before it get a public id and keep working; nothing is lost. */
import { Migrator, sql } from 'kysely';
import { hashToken, userForApiToken } from '../app/auth';
import { migrateToLatest } from '../db/database';
import { migrations } from '../db/migrations';
import { freshDatabase, migrationsAfter } from './migrationDatabase';

const pg = freshDatabase();

test('a token stored before 0005 gets a tok_ id, keeps its hash and still signs in', async () => {
  const migrator = new Migrator({ db: pg.db, provider: { getMigrations: async () => migrations } });
  const down = await migrator.migrateTo('0004_access_audit');
  expect(down.error).toBeUndefined();
  await sql`insert into users (id, name, email, role, language) values ('cw-old', 'Old', 'old@ong.test', 'caseworker', 'es')`.execute(pg.db);
  await sql`insert into api_tokens (token_hash, user_id, label) values (${hashToken('plz_old-token-from-before-0005')}, 'cw-old', 'legacy'),
    (${hashToken('plz_another-old-token-0005')}, 'cw-old', 'legacy2')`.execute(pg.db);

  // 0005 and every migration after it (later ones are additive too).
  expect(await migrateToLatest(pg.db)).toEqual(migrationsAfter('0004_access_audit'));
  const rows = await pg.db.selectFrom('api_tokens').select(['id', 'label', 'created_by', 'token_hash']).orderBy('label').execute();
  expect(rows).toEqual([
    { id: expect.stringMatching(/^tok_[0-9a-f]{32}$/), label: 'legacy', created_by: null, token_hash: hashToken('plz_old-token-from-before-0005') },
    { id: expect.stringMatching(/^tok_[0-9a-f]{32}$/), label: 'legacy2', created_by: null, token_hash: hashToken('plz_another-old-token-0005') },
  ]);
  expect(rows[0]!.id).not.toBe(rows[1]!.id);
  expect(await userForApiToken(pg.db, 'plz_old-token-from-before-0005')).toMatchObject({ id: 'cw-old' });
});
