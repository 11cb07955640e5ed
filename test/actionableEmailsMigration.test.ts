/** Migration 0014 is additive: people already there read Mexico City time and get no digest until they ask; links can be stored. */
import { sql } from 'kysely';
import { checkAckLink, issueAckLink } from '../db/ackLinks';
import { migrateToLatest } from '../db/database';
import { freshDatabase, migrateTo, migrationsAfter } from './migrationDatabase';

const pg = freshDatabase();

test('a person from before 0014 keeps everything, reads Mexico City time and has the digest off; an ack link works until it expires', async () => {
  await migrateTo(pg.db, '0011_overlay_corrections');
  await sql`insert into users (id, name, email, role, language) values ('cw-old', 'Old', 'old@ong.test', 'caseworker', 'es')`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toEqual(migrationsAfter('0011_overlay_corrections'));
  expect(await pg.db.selectFrom('users').select(['id', 'name', 'time_zone', 'daily_digest']).execute()).toEqual([
    { id: 'cw-old', name: 'Old', time_zone: 'America/Mexico_City', daily_digest: false },
  ]);

  const expiresAt = new Date('2026-12-07T15:00:00Z');
  const token = await issueAckLink(pg.db, { userId: 'cw-old', caseId: 'C-1', deadlineId: 'weekly_signature#2', series: 'due', expiresAt });
  expect(await checkAckLink(pg.db, token, new Date('2026-12-07T14:59:59Z'))).toEqual({
    ok: true,
    link: { userId: 'cw-old', caseId: 'C-1', deadlineId: 'weekly_signature#2', series: 'due', expiresAt, usedAt: null },
  });
  expect(await checkAckLink(pg.db, token, expiresAt)).toEqual({ ok: false, why: 'expired' });
  expect(await checkAckLink(pg.db, `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`, new Date('2026-12-01T00:00:00Z'))).toEqual({ ok: false, why: 'unknown' });
  expect(await checkAckLink(pg.db, 'not-a-token', new Date('2026-12-01T00:00:00Z'))).toEqual({ ok: false, why: 'unknown' });
});
