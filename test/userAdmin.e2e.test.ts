/**
 * User and token administration over real HTTP: an admin adds a person, issues a token (shown once,
 * stored as a hash), the token works, is revoked and stops; a deactivated person's tokens stop; bad
 * input names the field and changes nothing; the last admin cannot be removed; every call is audited.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness('user-admin');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

const asToken = (token: string, method: string, path: string, body?: unknown) =>
  h.http(method, path, { as: null, headers: { authorization: `Bearer ${token}` }, body });

const snapshot = async () => ({
  users: await h.pg.db.selectFrom('users').selectAll().orderBy('id').execute(),
  tokens: await h.pg.db.selectFrom('api_tokens').select(['id', 'user_id', 'label', 'revoked_at']).orderBy('id').execute(),
  teams: await h.pg.db.selectFrom('team_members').selectAll().orderBy('user_id').execute(),
});

const auditOf = (action: string) => h.pg.db.selectFrom('audit_log').select(['user_id', 'action', 'status', 'path', 'detail']).where('action', '=', action).orderBy('id').execute();

test('an admin adds a caseworker to a team, issues a token shown once, and the token works', async () => {
  const added = await h.http('POST', '/api/users', { as: 'eva', body: { name: 'Marta Gómez', email: 'Marta.Gomez@ONG.test', role: 'caseworker', team: 'team-sur' } });
  expect(added.status).toBe(201);
  expect(added.json).toMatchObject({ id: 'cw-marta', email: 'marta.gomez@ong.test', role: 'caseworker', language: 'es', active: true, teams: ['team-sur'], openCases: 0, tokens: [] });
  expect(added.headers.get('location')).toBe('/api/users/cw-marta');

  const issued = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva', body: { label: 'laptop' } });
  expect(issued.status).toBe(201);
  expect(issued.headers.get('cache-control')).toBe('no-store');
  const token: string = issued.json.token;
  expect(token).toMatch(/^plz_[A-Za-z0-9_-]{43}$/);
  expect(issued.json.tokenInfo).toMatchObject({ userId: 'cw-marta', label: 'laptop', createdBy: STAFF.eva.id, revokedAt: null });

  // Only the hash is stored, and no later answer carries the token again.
  const stored = await h.pg.db.selectFrom('api_tokens').selectAll().where('id', '=', issued.json.tokenInfo.id).executeTakeFirstOrThrow();
  expect(stored.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
  const listed = await h.http('GET', '/api/users', { as: 'eva' });
  expect(listed.status).toBe(200);
  expect(listed.text).not.toContain(token);
  expect(listed.text).not.toContain(stored.token_hash);
  expect(listed.json.find((u: any) => u.id === 'cw-marta').tokens).toEqual([expect.objectContaining({ id: issued.json.tokenInfo.id, label: 'laptop' })]);

  const me = await asToken(token, 'GET', '/api/cases');
  expect(me.status).toBe(200);

  // The supervisor of team-sur can assign a case to her at once.
  const opened = await h.http('POST', '/api/cases', { as: 'eva', body: { caseId: 'ADM-1', child: { name: 'Caso de Marta' }, assignments: { caseworker: 'cw-marta', supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } } });
  expect(opened.status).toBe(201);
  expect((await asToken(token, 'GET', '/api/cases/ADM-1')).status).toBe(200);

  await eventually(async () => {
    expect(await auditOf('user.add')).toEqual([expect.objectContaining({ user_id: STAFF.eva.id, status: 201, path: '/api/users', detail: { userId: 'cw-marta', role: 'caseworker', team: 'team-sur' } })]);
    const issuedRows = await auditOf('token.issue');
    expect(issuedRows).toEqual([expect.objectContaining({ user_id: STAFF.eva.id, status: 201, detail: { userId: 'cw-marta', label: 'laptop', tokenId: issued.json.tokenInfo.id } })]);
    expect(JSON.stringify(issuedRows)).not.toContain(token);
  });
});

test('a revoked token answers 401 at once; the person\'s other tokens keep working', async () => {
  const a = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva', body: { label: 'phone' } });
  const b = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva' });
  expect(b.json.tokenInfo.label).toBe('api');
  expect((await asToken(a.json.token, 'GET', '/api/cases')).status).toBe(200);

  const revoked = await h.http('DELETE', `/api/tokens/${a.json.tokenInfo.id}`, { as: 'eva' });
  expect(revoked.status).toBe(200);
  expect(revoked.json.revokedAt).not.toBeNull();
  const after = await asToken(a.json.token, 'GET', '/api/cases');
  expect({ status: after.status, code: after.json.error.code }).toEqual({ status: 401, code: 'unauthorized' });
  expect((await asToken(b.json.token, 'GET', '/api/cases')).status).toBe(200);

  // Revoking again answers the same token; an unknown id is 404.
  expect((await h.http('DELETE', `/api/tokens/${a.json.tokenInfo.id}`, { as: 'eva' })).status).toBe(200);
  expect((await h.http('DELETE', '/api/tokens/tok_doesnotexist00', { as: 'eva' })).status).toBe(404);
  const bad = await h.http('DELETE', '/api/tokens/not-a-token-id', { as: 'eva' });
  expect({ status: bad.status, field: bad.json.error.field }).toEqual({ status: 400, field: 'id' });
});

test('deactivating a person stops every token they hold; reactivation needs a new token', async () => {
  const t = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva', body: { label: 'before' } });
  const off = await h.http('PATCH', '/api/users/cw-marta', { as: 'eva', body: { active: false } });
  expect(off.status).toBe(200);
  expect(off.json).toMatchObject({ active: false, openCases: 1 });
  expect(off.json.tokens.every((x: any) => x.revokedAt !== null)).toBe(true);
  expect((await asToken(t.json.token, 'GET', '/api/cases')).status).toBe(401);

  const refused = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva' });
  expect({ status: refused.status, field: refused.json.error.field }).toEqual({ status: 409, field: 'active' });

  expect((await h.http('PATCH', '/api/users/cw-marta', { as: 'eva', body: { active: true } })).status).toBe(200);
  expect((await asToken(t.json.token, 'GET', '/api/cases')).status).toBe(401);
  const fresh = await h.http('POST', '/api/users/cw-marta/tokens', { as: 'eva' });
  expect((await asToken(fresh.json.token, 'GET', '/api/cases')).status).toBe(200);

  await eventually(async () => {
    const rows = await auditOf('user.update');
    expect(rows[0]).toMatchObject({ user_id: STAFF.eva.id, status: 200, path: '/api/users/:id', detail: { userId: 'cw-marta', fields: ['active'], active: false, tokensRevoked: 3 } });
  });
});

test('bad input answers 4xx naming the field, and nothing stored changes', async () => {
  const before = await snapshot();
  const cases: [string, string, unknown, number, string][] = [
    ['POST', '/api/users', { name: 'X', email: 'not-an-email', role: 'caseworker' }, 400, 'email'],
    ['POST', '/api/users', { name: '  ', email: 'x@ong.test', role: 'caseworker' }, 400, 'name'],
    ['POST', '/api/users', { name: 'X', email: 'x@ong.test', role: 'janitor' }, 400, 'role'],
    ['POST', '/api/users', { name: 'X', email: 'x@ong.test', role: 'lawyer', password: 'hunter2' }, 400, 'password'],
    ['POST', '/api/users', { name: 'X', email: 'x@ong.test', role: 'lawyer', id: 'Bad Id!' }, 400, 'id'],
    ['POST', '/api/users', { name: 'X', email: 'x@ong.test', role: 'lawyer', team: 'team-norte' }, 422, 'team'],
    ['POST', '/api/users', { name: 'X', email: 'ANA@ong.test', role: 'lawyer' }, 409, 'email'],
    ['POST', '/api/users', { id: STAFF.luis.id, name: 'X', email: 'x@ong.test', role: 'lawyer' }, 409, 'id'],
    ['POST', '/api/users', { email: 'x@ong.test', role: 'lawyer' }, 400, 'name'],
    ['PATCH', `/api/users/${STAFF.luis.id}`, {}, 400, 'input'],
    ['PATCH', `/api/users/${STAFF.luis.id}`, { active: 'no' }, 400, 'active'],
    ['PATCH', `/api/users/${STAFF.luis.id}`, { team: 'team-norte', name: 'Luis Cambiado' }, 422, 'team'],
    ['PATCH', `/api/users/${STAFF.luis.id}`, { email: 'carla@ong.test' }, 409, 'email'],
    ['POST', `/api/users/${STAFF.luis.id}/tokens`, { label: '' }, 400, 'label'],
    ['POST', `/api/users/${STAFF.luis.id}/tokens`, { label: 'x', expires: 'never' }, 400, 'expires'],
  ];
  for (const [method, path, body, status, field] of cases) {
    const r = await h.http(method, path, { as: 'eva', body });
    expect({ path, body, status: r.status, field: r.json?.error?.field }).toEqual({ path, body, status, field });
  }
  expect((await h.http('PATCH', '/api/users/nobody', { as: 'eva', body: { active: false } })).status).toBe(404);
  expect((await h.http('POST', '/api/users/nobody/tokens', { as: 'eva' })).status).toBe(404);
  const nul = await h.http('PATCH', '/api/users/%00', { as: 'eva', body: { name: 'X' } });
  expect({ status: nul.status, field: nul.json.error.field }).toEqual({ status: 400, field: 'id' });
  const form = await h.http('PATCH', `/api/users/${STAFF.luis.id}`, { as: 'eva', raw: 'active=false', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(form.status).toBe(415);
  expect(await snapshot()).toEqual(before);
});

test('fuzzed bodies never give a 500, and a refusal changes nothing', async () => {
  const nasty = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.constantFrom('', ' ', '\u0000', '\u200b', '\ud800', 'x'.repeat(5000), 'a@b', 'Ana@ONG.test'));
  const body = fc.oneof(
    fc.jsonValue(),
    fc.record({ name: nasty, email: nasty, role: fc.oneof(fc.constantFrom('caseworker', 'admin'), nasty), language: nasty, team: fc.oneof(fc.constant(null), nasty), active: fc.anything(), id: nasty, label: nasty }, { requiredKeys: [] }),
  );
  const route = fc.constantFrom<[string, string]>(['POST', '/api/users'], ['PATCH', `/api/users/${STAFF.luis.id}`], ['POST', `/api/users/${STAFF.luis.id}/tokens`], ['PATCH', '/api/users/%00'], ['PATCH', '/api/users/a%20b'], ['DELETE', '/api/tokens/%E2%80%AE']);
  await fc.assert(
    fc.asyncProperty(route, body, async ([method, path], b) => {
      const before = await snapshot();
      const res = await h.http(method, path, { as: 'eva', body: method === 'DELETE' ? undefined : b });
      expect({ path, status: res.status }).toEqual({ path, status: expect.any(Number) });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        expect(res.json?.error?.code).toEqual(expect.any(String));
        expect(await snapshot()).toEqual(before);
      }
    }),
    { numRuns: 80 },
  );
});

test('the last active admin cannot be deactivated or demoted; a role change waits until open cases are reassigned', async () => {
  const last = await h.http('PATCH', `/api/users/${STAFF.eva.id}`, { as: 'eva', body: { active: false } });
  expect({ status: last.status, field: last.json.error.field }).toEqual({ status: 409, field: 'active' });
  const demote = await h.http('PATCH', `/api/users/${STAFF.eva.id}`, { as: 'eva', body: { role: 'director' } });
  expect({ status: demote.status, field: demote.json.error.field }).toEqual({ status: 409, field: 'role' });

  // Marta holds ADM-1 as its caseworker.
  const busy = await h.http('PATCH', '/api/users/cw-marta', { as: 'eva', body: { role: 'lawyer' } });
  expect({ status: busy.status, field: busy.json.error.field }).toEqual({ status: 409, field: 'role' });
  expect(busy.json.error.message).toMatch(/1 open case/);
  // Beto leads team-sur: his team would be left with a caseworker as its supervisor.
  const leader = await h.http('PATCH', `/api/users/${STAFF.beto.id}`, { as: 'eva', body: { role: 'lawyer' } });
  expect({ status: leader.status, field: leader.json.error.field }).toEqual({ status: 409, field: 'role' });

  // With a second admin, the first can step down.
  const second = await h.http('POST', '/api/users', { as: 'eva', body: { name: 'Otra Admin', email: 'otra@ong.test', role: 'admin', language: 'en' } });
  expect(second.json.id).toBe('adm-otra');
  const changed = await h.http('PATCH', `/api/users/${STAFF.eva.id}`, { as: 'eva', body: { role: 'director', team: null } });
  expect(changed.status).toBe(200);
  expect(changed.json.role).toBe('director');
  // Eva's own token now carries a director's rights.
  expect((await h.http('GET', '/api/users', { as: 'eva' })).status).toBe(403);
});

test('the OpenAPI document lists the administration endpoints', async () => {
  const r = await h.http('GET', '/api/openapi.json', { as: null });
  for (const p of ['/api/users', '/api/users/{id}', '/api/users/{id}/tokens', '/api/tokens/{id}', '/api/teams']) expect(r.json.paths).toHaveProperty([p]);
  expect(r.json.paths['/api/users/{id}']).toHaveProperty('patch');
  expect(r.json.paths['/api/tokens/{id}']).toHaveProperty('delete');
  expect(JSON.stringify(r.json.components.schemas.NewUser)).toContain('caseworker');
});
