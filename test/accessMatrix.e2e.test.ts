/**
 * Every role × every action it may not take, derived from access.ts itself (so a new action or role is
 * covered without editing this file): the API answers 403 and the attempt is in the audit log with the
 * caller, the route and the status. A caseworker asking for a case not theirs gets 404, audited too.
 */
import { can, type Action } from '../app/access';
import type { AuthUser } from '../app/auth';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';

let h: ApiHarness;
const CASE = 'ACL-1';

beforeAll(async () => {
  h = await startApiHarness('access-matrix');
  const opened = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: { caseId: CASE, child: { name: 'Caso de permisos' }, entryDate: daysAgo(5), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(opened.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

interface Req {
  method: string;
  route: string;
  path: string;
  body?: unknown;
}

/** One request per action (every route, for actions with several); a valid body, so only the role can be the reason for a refusal. */
const REQUESTS: Record<Action, Req | Req[]> = {
  read: { method: 'GET', route: '/api/cases/:id', path: `/api/cases/${CASE}` },
  open_case: {
    method: 'POST', route: '/api/cases', path: '/api/cases',
    body: { child: { name: 'Otro caso' }, assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  },
  record_event: { method: 'POST', route: '/api/cases/:id/events', path: `/api/cases/${CASE}/events`, body: { type: 'sre_opinion_requested', occurredAt: daysAgo(1) } },
  reassign: { method: 'POST', route: '/api/cases/:id/events', path: `/api/cases/${CASE}/events`, body: { type: 'assignment_changed', occurredAt: daysAgo(0), role: 'lawyer', userId: STAFF.diego.id } },
  acknowledge: { method: 'POST', route: '/api/deadlines/:id/acknowledge', path: `/api/deadlines/${encodeURIComponent(`${CASE}:asylum_filing_window`)}/acknowledge`, body: {} },
  withdraw_acknowledgement: {
    method: 'POST', route: '/api/deadlines/:id/acknowledgements/withdraw', path: `/api/deadlines/${encodeURIComponent(`${CASE}:asylum_filing_window`)}/acknowledgements/withdraw`,
    body: { series: 'reminder', for: STAFF.ana.id, reason: 'no lo ha visto' },
  },
  escalate: { method: 'POST', route: '/api/cases/:id/escalations', path: `/api/cases/${CASE}/escalations`, body: { reason: 'COMAR no contesta' } },
  manage_overlays: [
    {
      method: 'POST', route: '/api/overlays', path: '/api/overlays',
      body: { id: 'acl-closure', kind: 'closure', start: daysAgo(3), end: daysAgo(2), scope: { agency: 'COMAR' }, citation: { dof: daysAgo(3), title: 'Acuerdo de prueba' } },
    },
    { method: 'POST', route: '/api/overlays/:id/withdraw', path: '/api/overlays/acl-closure/withdraw', body: { reason: 'revocado' } },
  ],
  manage_users: [
    { method: 'GET', route: '/api/users', path: '/api/users' },
    { method: 'GET', route: '/api/teams', path: '/api/teams' },
    { method: 'GET', route: '/api/users/:id', path: `/api/users/${STAFF.ana.id}` },
    { method: 'POST', route: '/api/users', path: '/api/users', body: { name: 'Nueva Persona', email: 'nueva@ong.test', role: 'caseworker' } },
    { method: 'PATCH', route: '/api/users/:id', path: `/api/users/${STAFF.ana.id}`, body: { role: 'admin' } },
    { method: 'POST', route: '/api/users/:id/tokens', path: `/api/users/${STAFF.eva.id}/tokens`, body: { label: 'robado' } },
    { method: 'DELETE', route: '/api/tokens/:id', path: '/api/tokens/tok_0123456789abcdef' },
  ],
  use_codec: { method: 'POST', route: '/codec/decode', path: '/codec/decode', body: { payloads: [] } },
  view_program: [
    { method: 'GET', route: '/api/program', path: '/api/program' },
    { method: 'GET', route: '/api/program/deadlines.csv', path: '/api/program/deadlines.csv' },
    { method: 'GET', route: '/api/program/compliance.csv', path: '/api/program/compliance.csv' },
  ],
  export_child_names: { method: 'GET', route: '/api/program/deadlines.csv', path: '/api/program/deadlines.csv?names=1' },
  view_status: { method: 'GET', route: '/api/status', path: '/api/status' },
  update_packs: [
    { method: 'POST', route: '/api/rule-packs/:version/dry-run', path: '/api/rule-packs/mx-2027.2/dry-run', body: {} },
    { method: 'POST', route: '/api/rule-packs/:version/apply', path: '/api/rule-packs/mx-2027.2/apply', body: {} },
  ],
  manage_lists: [
    { method: 'GET', route: '/api/lists/:list', path: '/api/lists/offices' },
    { method: 'POST', route: '/api/lists/:list', path: '/api/lists/offices', body: { id: 'comar-merida', name: 'COMAR Mérida', agency: 'COMAR', zone: 'America/Merida' } },
  ],
  import_cases: [
    { method: 'GET', route: '/api/import/template.:format', path: '/api/import/template.xlsx' },
    { method: 'POST', route: '/api/import/preview', path: '/api/import/preview', body: { file: { name: 'casos.csv', contentBase64: Buffer.from(`Expediente,Nombre,Trabajador(a) social,Supervisor(a),Abogado(a)\nACL-IMP-1,Niña de prueba,${STAFF.ana.id},${STAFF.beto.id},${STAFF.carla.id}\n`).toString('base64') } } },
    { method: 'POST', route: '/api/import', path: '/api/import', body: { file: { name: 'casos.csv', contentBase64: Buffer.from(`Expediente,Nombre,Trabajador(a) social,Supervisor(a),Abogado(a)\nACL-IMP-2,Niño de prueba,${STAFF.ana.id},${STAFF.beto.id},${STAFF.carla.id}\n`).toString('base64') } } },
  ],
};

/** One person per role, each assigned to the case where the role can be. */
const BY_ROLE: StaffKey[] = ['ana', 'beto', 'carla', 'dora', 'eva'];
const forbidden = BY_ROLE.flatMap((who) =>
  (Object.keys(REQUESTS) as Action[])
    .filter((action) => !can(STAFF[who] as AuthUser, action))
    .flatMap((action) => [REQUESTS[action]].flat().map((req) => [`${STAFF[who].role} ${action} ${req.method} ${req.route}`, who, req] as const)),
);

test('the matrix is not empty and every role is allowed to read', () => {
  expect(forbidden.length).toBeGreaterThanOrEqual(8);
  for (const who of BY_ROLE) expect(can(STAFF[who] as AuthUser, 'read')).toBe(true);
});

test.each(forbidden)('%s → 403 and an audit row', async (_label, who, req) => {
  const auditRows = () =>
    h.pg.db.selectFrom('audit_log').select(['user_id', 'method', 'path', 'status']).where('user_id', '=', STAFF[who].id).where('path', '=', req.route).where('status', '=', 403).execute();
  const before = (await auditRows()).length;
  const res = await h.http(req.method, req.path, { as: who, body: req.body });
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status: 403, code: 'forbidden' });
  await eventually(async () => expect((await auditRows()).length).toBe(before + 1));
});

test('refused user administration changed nothing: no user added, no token issued, no role changed', async () => {
  expect(await h.pg.db.selectFrom('users').select('id').where('email', '=', 'nueva@ong.test').execute()).toEqual([]);
  expect(await h.pg.db.selectFrom('api_tokens').select('id').where('label', '=', 'robado').execute()).toEqual([]);
  expect((await h.pg.db.selectFrom('users').select('role').where('id', '=', STAFF.ana.id).executeTakeFirstOrThrow()).role).toBe('caseworker');
});

test('a case outside the caller\'s assignments is 404 (as if it did not exist), audited', async () => {
  const res = await h.http('GET', `/api/cases/${CASE}`, { as: 'luis' });
  expect(res.status).toBe(404);
  await eventually(async () => {
    const row = await h.pg.db.selectFrom('audit_log').select(['action', 'status']).where('user_id', '=', STAFF.luis.id).where('path', '=', '/api/cases/:id').executeTakeFirst();
    expect(row).toEqual({ action: 'case.read', status: 404 });
  });
});
