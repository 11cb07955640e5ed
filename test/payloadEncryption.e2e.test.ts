/**
 * Children's data never reaches Temporal in clear: a case opened through the API, read back from the
 * dev server by a client WITHOUT the codec, shows no name, birth date or nationality in any byte of its
 * history (payloads, search attributes, failures). The codec endpoint the Temporal UI uses decrypts
 * only for an admin; every other role gets 403 and leaves an audit row.
 */
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import { caseWorkflowId } from '../workflows/caseDefinitions';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';

let h: ApiHarness;
const CASE = 'ENC-1';
const CHILD = { name: 'Mariana Quetzal Ñúñez', birthDate: '2011-04-02', nationality: 'Honduras' };
const UI_ORIGIN = 'http://temporal-ui.test';

beforeAll(async () => {
  h = await startApiHarness('payload-encryption');
  const opened = await h.http('POST', '/api/cases', {
    body: {
      caseId: CASE,
      child: CHILD,
      entryDate: daysAgo(12),
      assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
    },
  });
  expect(opened.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

/** The raw history as the server stores it: a client with no data converter decodes nothing. */
async function rawHistory() {
  const plain = new Client({ connection: h.env.connection, namespace: h.env.namespace ?? 'default' });
  return plain.workflow.getHandle(caseWorkflowId(CASE)).fetchHistory();
}

const toJson = (p: temporal.api.common.v1.IPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

async function startPayloads() {
  const history = await rawHistory();
  const started = history.events!.find((e) => e.workflowExecutionStartedEventAttributes)!;
  return started.workflowExecutionStartedEventAttributes!.input!.payloads!.map(toJson);
}

test('the server-side history holds no name, birth date or nationality in clear', async () => {
  // The case is readable through the API (which has the key)…
  const view = await h.http('GET', `/api/cases/${CASE}`);
  expect(view.status).toBe(200);
  expect(view.text).toContain(CHILD.name);

  // …and nowhere in the bytes the server keeps: every event, every payload, search attributes, failures.
  const history = await rawHistory();
  expect(history.events!.length).toBeGreaterThan(5);
  const bytes = Buffer.from(temporal.api.history.v1.History.encode(temporal.api.history.v1.History.create(history)).finish());
  // Control: the scan does see clear text where there is some (the task queue's name).
  expect(bytes.includes(Buffer.from('payload-encryption'))).toBe(true);
  for (const secret of [CHILD.name, 'Mariana', 'Ñúñez', CHILD.birthDate, CHILD.nationality]) {
    expect({ secret, found: bytes.includes(Buffer.from(secret, 'utf8')) }).toEqual({ secret, found: false });
  }
  // Every payload is ours: encrypted with the test key, none left in clear JSON.
  const payloads = await startPayloads();
  expect(payloads.length).toBeGreaterThan(0);
  for (const p of payloads) {
    expect(Buffer.from(p.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(p.metadata['encryption-key-id']!, 'base64').toString()).toBe('test1');
  }
});

describe('codec endpoint for the Temporal UI', () => {
  test('an admin decodes a history payload and finds the child; encode round-trips', async () => {
    const payloads = await startPayloads();
    const res = await h.http('POST', '/codec/decode', { as: 'eva', body: { payloads }, headers: { origin: UI_ORIGIN, 'x-namespace': 'default' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    const decoded = res.json.payloads.map((p: { data: string }) => Buffer.from(p.data, 'base64').toString('utf8')).join('');
    expect(decoded).toContain(CHILD.name);
    expect(decoded).toContain(CHILD.birthDate);

    const encoded = await h.http('POST', '/codec/encode', { as: 'eva', body: { payloads: res.json.payloads } });
    expect(encoded.status).toBe(200);
    expect(encoded.text).not.toContain(Buffer.from(CHILD.name).toString('base64'));
    const again = await h.http('POST', '/codec/decode', { as: 'eva', body: encoded.json });
    expect(again.json).toEqual(res.json);
  });

  const others = (Object.keys(STAFF) as StaffKey[]).filter((k) => STAFF[k].role !== 'admin');
  test.each(others)('%s may not decode or encode: 403 and an audit row', async (who) => {
    const payloads = await startPayloads();
    for (const op of ['decode', 'encode']) {
      const res = await h.http('POST', `/codec/${op}`, { as: who, body: { payloads }, headers: { origin: UI_ORIGIN } });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
      expect(res.text).not.toContain(CHILD.name);
      // The UI can read why it was refused.
      expect(res.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    }
    // The audit row is written once the response is sent.
    await eventually(async () => {
      const rows = await h.pg.db
        .selectFrom('audit_log')
        .select(['action', 'status', 'method', 'path'])
        .where('user_id', '=', STAFF[who].id)
        .where('action', 'like', 'codec.%')
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { action: 'codec.decode', status: 403, method: 'POST', path: '/codec/decode' },
        { action: 'codec.encode', status: 403, method: 'POST', path: '/codec/encode' },
      ]);
    });
  });

  test('no or a bad token → 401, audited without a user', async () => {
    const payloads = await startPayloads();
    const none = await h.http('POST', '/codec/decode', { as: null, body: { payloads } });
    expect(none.status).toBe(401);
    const bad = await h.http('POST', '/codec/decode', { as: null, body: { payloads }, headers: { authorization: 'Bearer plz_not-a-real-token-at-all' } });
    expect(bad.status).toBe(401);
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'codec.decode' and user_id is null and status = 401`.execute(h.pg.db);
      expect(rows[0]!.n).toBeGreaterThanOrEqual(2);
    });
  });

  test('CORS: the preflight answers the UI origin only', async () => {
    const ok = await h.http('OPTIONS', '/codec/decode', { as: null, headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const foreign = await h.http('OPTIONS', '/codec/decode', { as: null, headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a malformed body is a 400, never a 500', async () => {
    for (const body of [{}, { payloads: 'x' }, { payloads: [{ data: '***' }] }, { payloads: [{ metadata: { encoding: Buffer.from('binary/encrypted').toString('base64') }, data: 'AAAA' }] }]) {
      const res = await h.http('POST', '/codec/decode', { as: 'eva', body });
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
  });
});
