/**
 * Issue 25 on the real Temporal server (as `make prod-local` runs it): an engine only Plazo can talk to.
 * Its frontend takes only clients with a certificate signed by the local CA (dev/temporalTls.ts): the plain
 * Temporal CLI cannot list, terminate or update a case without one, with Plazo's it can (so the refusals
 * are the certificate's doing), and Plazo's worker and API work over mTLS. With the certificate, case A's
 * Update copied into case B is still refused: the payload is bound to A (codec/aesGcmCodec.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueApiToken } from '../app/auth';
import { freePort } from '../dev/freePort';
import { startService, type Service } from '../dev/processes';
import { cliTlsArgs, temporalCerts } from '../dev/temporalTls';
import { caseWorkflowId, stateQuery } from '../workflows/caseDefinitions';
import { daysAgo } from './apiHarness';
import { PEOPLE } from './caseHarness';
import { TEST_CODEC_KEYS } from './codecKeys';
import { acceptedUpdatePayload, cliUpdateWithPayload, temporalCli, type CliResult } from './payloadReplay';
import { startProductionShape, type ProductionShape } from './temporalServerHarness';

let shape: ProductionShape;
let api: Service;
let base: string;
let token: string;
const ADMIN = { id: 'adm-eva', name: 'Eva', email: 'eva@ong.test', role: 'admin', language: 'en' } as const;

beforeAll(async () => {
  shape = await startProductionShape({ taskQueue: 'mtls' });
  await shape.startWorker();
  await shape.pg.db.insertInto('users').values(ADMIN).execute();
  token = await issueApiToken(shape.pg.db, ADMIN.id, 'test');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // The API process as production runs it: the TEMPORAL_TLS_* variables and nothing else to reach Temporal.
  api = startService('client/api/main.ts', {
    DATABASE_URL: shape.pg.url,
    TEMPORAL_ADDRESS: shape.server.address,
    TEMPORAL_NAMESPACE: shape.server.namespace,
    TEMPORAL_TASK_QUEUE: shape.taskQueue,
    ...shape.server.clientEnv,
    PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    PUBLIC_URL: base,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(shape.mail.smtpPort),
    LOG_LEVEL: 'info',
  });
  await api.waitForOutput(/api started/, 120_000);
}, 600_000);

afterAll(async () => {
  await api?.stop();
  await shape?.teardown();
});

const http = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  return { status: res.status, json: (await res.json()) as any };
};
const intake = (caseId: string) => ({
  caseId,
  child: { name: 'Niña de prueba' },
  entryDate: daysAgo(3),
  assignments: { caseworker: PEOPLE.caseworker.id, supervisor: PEOPLE.supervisor.id, lawyer: PEOPLE.lawyer.id },
});
const at = () => ['--address', shape.server.address, '--namespace', shape.server.namespace];
const status = async (caseId: string) => (await shape.client.workflow.getHandle(caseWorkflowId(caseId)).describe()).status.name;
/**
 * Refused at the connection (plain text: the server's TLS bytes read as HTTP/2 — EOF, a reset, a frame too
 * large; TLS without a certificate, or one of another CA: the handshake). Which of those the Go client
 * reports depends on timing, so any of them; a refusal for another reason (a server down) shows its output.
 */
const refused = (r: CliResult) =>
  expect({ code: r.code, refused: /failed reaching server: .*(EOF|certificate required|unknown certificate authority|broken pipe|connection reset by peer|frame too large|bad certificate|handshake)/.test(r.output), output: r.output }).toEqual({
    code: 1,
    refused: true,
    output: r.output,
  });

test("Plazo's worker and API work over mTLS: a case opened through the API runs on the worker and is healthy", async () => {
  expect(await http('GET', '/api/health')).toEqual({ status: 200, json: { status: 'ok', database: 'ok', temporal: 'ok' } });
  // Each says how it reached Temporal.
  for (const service of [api, shape.workers[0]!]) expect(service.output()).toMatch(/"temporalTls":"mTLS"/);
  const opened = await http('POST', '/api/cases', intake('MT-1'));
  expect(opened.status).toBe(201);
  // The worker (its own process, over mTLS) ran the opening: deadlines counted, the read model written.
  const view = await http('GET', '/api/cases/MT-1');
  expect(view.status).toBe(200);
  expect(view.json.deadlines.length).toBeGreaterThan(0);
  expect(await status('MT-1')).toBe('RUNNING');
}, 120_000);

test('the plain CLI without a certificate cannot list, terminate or update; with one of another CA neither; with Plazo’s it can', async () => {
  const ca = ['--tls-ca-path', shape.server.certs.ca];
  const stranger = temporalCerts(join(mkdtempSync(join(tmpdir(), 'plazo-stranger-ca-')), 'certs'));
  const strangerCert = ['--tls-cert-path', stranger.clientCert, '--tls-key-path', stranger.clientKey];
  const workflowId = caseWorkflowId('MT-1');
  for (const tls of [[], ['--tls', ...ca], [...ca, ...strangerCert]]) {
    refused(await temporalCli(['workflow', 'list', ...at(), ...tls]));
    refused(await temporalCli(['workflow', 'terminate', ...at(), ...tls, '--workflow-id', workflowId, '--reason', 'outsider']));
    refused(await temporalCli(['workflow', 'update', 'execute', ...at(), ...tls, '--workflow-id', workflowId, '--name', 'recordEvent', '--input', '{"type":"case_closed"}']));
  }
  expect(await status('MT-1')).toBe('RUNNING');

  // With Plazo's certificate the same commands go through: the refusals above were the certificate's.
  const listed = await temporalCli(['workflow', 'list', ...at(), ...cliTlsArgs(shape.server.certs), '--query', `WorkflowId = '${workflowId}'`]);
  expect(listed).toEqual({ code: 0, output: expect.stringContaining(workflowId) });
  expect(await http('POST', '/api/cases', intake('MT-2'))).toMatchObject({ status: 201 });
  const terminated = await temporalCli(['workflow', 'terminate', ...at(), ...cliTlsArgs(shape.server.certs), '--workflow-id', caseWorkflowId('MT-2'), '--reason', 'operator with the certificate']);
  expect(terminated.code).toBe(0);
  expect(await status('MT-2')).toBe('TERMINATED');
}, 180_000);

test("with the certificate, case A's case_closed Update copied into case B is refused: B is unchanged", async () => {
  for (const id of ['MT-A', 'MT-B']) expect((await http('POST', '/api/cases', intake(id))).status).toBe(201);
  expect((await http('POST', '/api/cases/MT-A/events', { type: 'case_closed', occurredAt: daysAgo(0), reason: 'other' })).status).toBe(200);
  const payload = await acceptedUpdatePayload(shape.client.connection, shape.server.namespace, caseWorkflowId('MT-A'), 'recordEvent');
  const snapshot = async () => ({
    state: await shape.client.workflow.getHandle(caseWorkflowId('MT-B')).query(stateQuery),
    status: await status('MT-B'),
    view: (await http('GET', '/api/cases/MT-B')).json,
  });
  const before = await snapshot();
  expect(before.view.deadlines.some((d: { status: string }) => d.status === 'open')).toBe(true);

  const attack = await cliUpdateWithPayload({ address: shape.server.address, namespace: shape.server.namespace, workflowId: caseWorkflowId('MT-B'), name: 'recordEvent', payload, tlsArgs: cliTlsArgs(shape.server.certs) });
  await new Promise((r) => setTimeout(r, 1000));
  const after = await snapshot();
  expect(after.state.closed).toBeFalsy();
  expect(after).toEqual(before);
  // It reached the worker (the certificate let it in) and was rejected there.
  expect(attack).toEqual({ code: 1, output: expect.stringMatching(/unable to update workflow: .*Encoded failure/) });
}, 180_000);
