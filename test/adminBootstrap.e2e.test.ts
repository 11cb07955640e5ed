/** `plazo admin bootstrap`, spawned as the real bin/plazo against a fresh Postgres database (DATABASE_URL). */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { userForApiToken } from '../app/auth';
import { createTestDatabase, type TestDatabase } from './testDatabase';

const BIN = resolve(__dirname, '../bin/plazo');
let pg: TestDatabase;

beforeAll(async () => {
  pg = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await pg?.drop();
});

function plazo(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(BIN, ['admin', 'bootstrap', ...args], { env: { ...process.env, PLAZO_DEBUG: '', DATABASE_URL: pg.url, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const tokenIn = (stdout: string) => /^token: +(plz_\S+)$/m.exec(stdout)?.[1];

test('bad input exits 2 naming the field, and stores nothing', async () => {
  expect(await plazo(['--email', 'not-an-email', '--name', 'Eva'])).toMatchObject({ code: 2, stdout: '', stderr: 'error: email: must be an email address\n' });
  expect(await plazo(['--email', 'eva@ong.test', '--name', 'Eva', '--language', 'fr'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: language: /) });
  expect(await plazo(['--email', 'eva@ong.test', '--name', 'Eva', '--id', 'Not Valid'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: id: /) });
  expect(await plazo(['--email', 'eva@ong.test'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: name: /) });
  expect(await plazo(['--email', 'eva@ong.test', '--name', 'Eva'], { DATABASE_URL: '' })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^error: DATABASE_URL: is not set/) });
  expect(await pg.db.selectFrom('users').select('id').execute()).toEqual([]);
  expect(await pg.db.selectFrom('api_tokens').select('id').execute()).toEqual([]);
});

test('the first admin: created, token printed once and stored as a hash, audited; a second bootstrap is refused', async () => {
  const r = await plazo(['--email', 'Eva.Castillo@ONG.test', '--name', 'Eva Castillo', '--language', 'en']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(r.stdout).toContain('admin:  adm-eva (created)');
  const token = tokenIn(r.stdout)!;
  expect(token).toMatch(/^plz_[A-Za-z0-9_-]{43}$/);
  expect(r.stdout).toContain('shown once');

  const user = await userForApiToken(pg.db, token);
  expect(user).toMatchObject({ id: 'adm-eva', role: 'admin', email: 'eva.castillo@ong.test', language: 'en' });
  const stored = await pg.db.selectFrom('api_tokens').selectAll().execute();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ user_id: 'adm-eva', label: 'bootstrap', created_by: 'bootstrap', token_hash: createHash('sha256').update(token).digest('hex') });
  const audit = await pg.db.selectFrom('audit_log').select(['user_id', 'action', 'method', 'status', 'detail']).execute();
  expect(audit).toEqual([{ user_id: 'adm-eva', action: 'admin.bootstrap', method: 'CLI', status: 201, detail: { userId: 'adm-eva', tokenId: stored[0]!.id, created: true } }]);

  const again = await plazo(['--email', 'otra@ong.test', '--name', 'Otra']);
  expect(again).toMatchObject({ code: 2, stdout: '' });
  expect(again.stderr).toMatch(/^error: admin: an active admin with a token exists \('adm-eva'\)/);
  expect(await pg.db.selectFrom('users').select('id').execute()).toEqual([{ id: 'adm-eva' }]);
});

test('a locked-out admin (every token revoked) gets back in with the same email; a non-admin\'s email is refused', async () => {
  await pg.db.updateTable('api_tokens').set({ revoked_at: new Date() }).execute();
  await pg.db.insertInto('users').values({ id: 'cw-ana', name: 'Ana', email: 'ana@ong.test', role: 'caseworker', language: 'es' }).execute();

  const notAdmin = await plazo(['--email', 'ana@ong.test', '--name', 'Ana']);
  expect(notAdmin).toMatchObject({ code: 2, stderr: "error: email: belongs to 'cw-ana', a caseworker: use the new admin's own email\n" });

  const back = await plazo(['--email', 'eva.castillo@ong.test', '--name', 'Eva Castillo', '--json']);
  expect(back.code).toBe(0);
  const out = JSON.parse(back.stdout);
  expect(out).toMatchObject({ userId: 'adm-eva', created: false });
  expect(await userForApiToken(pg.db, out.token)).toMatchObject({ id: 'adm-eva', role: 'admin' });
  expect(await pg.db.selectFrom('users').select('id').where('role', '=', 'admin').execute()).toEqual([{ id: 'adm-eva' }]);
});
