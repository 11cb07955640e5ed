/**
 * `plazo rules update` and /api/rule-packs against a running API: a lawyer's dry run of mx-2026.2 over
 * a case opened under mx-2026.1, then applying it; a caseworker is refused. The dates are worked by hand
 * in domain/case/packMove.test.ts (born 31 Mar 2012: 18 on Sun 31 Mar 2030; mx-2026.1 rolled it to Mon 1 Apr).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { startTestCase } from './caseHarness';
import { startApiHarness, STAFF, type ApiHarness } from './apiHarness';

const BIN = resolve(__dirname, '../bin/plazo');
const QUEUE = 'rule-pack-update';
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness(QUEUE);
  await startTestCase(h.env.client, QUEUE, { caseId: 'pack-e2e', child: { name: 'N. N.', birthDate: '2012-03-31' }, openedAt: new Date().toISOString(), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } }, { rulePack: 'mx-2026.1' });
  // Projected by the worker: the dry run lists the cases of the read model in the caller's scope.
  for (let i = 0; i < 100 && !(await h.pg.db.selectFrom('cases').select('id').where('id', '=', 'pack-e2e').executeTakeFirst()); i++) await new Promise((r) => setTimeout(r, 100));
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

function plazo(args: string[], token: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(BIN, args, { env: { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: h.base, PLAZO_TOKEN: token } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('a dry run from the command line changes nothing; applying moves the case; a caseworker may not', async () => {
  const refused = await plazo(['rules', 'update', '--to', 'mx-2026.2', '--dry-run'], h.tokens.ana);
  expect([refused.code, refused.stderr.trim()]).toEqual([2, 'error: forbidden: a caseworker may not move cases to another rule pack']);

  const dry = await plazo(['rules', 'update', '--to', 'mx-2026.2', '--dry-run'], h.tokens.carla);
  expect(dry).toMatchObject({ code: 0, stderr: '' });
  expect(dry.stdout).toContain('rule pack mx-2026.2: 1 open case(s) would change (nothing changed)');
  expect(dry.stdout).toMatch(/pack-e2e\s+age_of_majority\s+update\s+2030-04-01 → 2030-03-31\s+applies at once\s+mx-2026\.2 changes roll/);
  expect((await h.http('GET', '/api/cases/pack-e2e', { as: 'carla' })).json.rulePack).toBe('mx-2026.1');

  // The web page: the same dry run, each case with a box to choose it; a caseworker is refused.
  const webPage = (path: string, who: 'carla' | 'ana') => fetch(`${h.base}${path}`, { headers: { cookie: `plazo_session=${h.tokens[who]}` }, redirect: 'manual' });
  const pageRes = await webPage('/rule-packs?to=mx-2026.2', 'carla');
  const body = await pageRes.text();
  expect(pageRes.status).toBe(200);
  expect(body).toContain('id="pack-dry-run"');
  expect(body).toMatch(/<tr data-case="pack-e2e" data-deadline="age_of_majority" data-change="update">/);
  expect(body).toContain('name="case_pack-e2e"');
  expect((await webPage('/rule-packs', 'ana')).status).toBe(403);

  const bad = await h.http('POST', '/api/rule-packs/mx-2099.1/dry-run', { as: 'carla', body: {} });
  expect([bad.status, bad.json.error.field]).toEqual([400, 'to']);

  const applied = await h.http('POST', '/api/rule-packs/mx-2026.2/apply', { as: 'carla', body: { caseIds: ['pack-e2e'] } });
  expect(applied.status).toBe(202);
  let progress = { done: 0 };
  for (let i = 0; i < 100 && progress.done < 1; i++) {
    progress = (await h.http('GET', `/api/rule-pack-updates/${applied.json.workflowId}`, { as: 'carla' })).json;
    if (progress.done < 1) await new Promise((r) => setTimeout(r, 200));
  }
  expect(progress).toMatchObject({ done: 1, total: 1, results: [{ caseId: 'pack-e2e', outcome: 'changed', pending: 0 }] });
  const view = (await h.http('GET', '/api/cases/pack-e2e', { as: 'carla' })).json;
  expect(view.rulePack).toBe('mx-2026.2');
  expect(view.deadlines.find((d: { deadlineId: string }) => d.deadlineId === 'age_of_majority')).toMatchObject({ due: '2030-03-31', rulePack: 'mx-2026.2', pendingPack: null });

  const after = await plazo(['rules', 'update', '--to', 'mx-2026.2', '--dry-run', '--json'], h.tokens.carla);
  expect(JSON.parse(after.stdout)).toEqual([]);
}, 180_000);
