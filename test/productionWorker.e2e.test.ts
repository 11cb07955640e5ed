import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { productionWorkerCommand, startService, type Service } from '../dev/processes';
import { escalateUpdate, recordEventUpdate } from '../workflows/caseDefinitions';
import { PEOPLE, startTestCase } from './caseHarness';
import { TEST_CODEC_KEYS } from './codecKeys';
import { devServerEnv } from './temporalEnv';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/**
 * What docker-compose.yml and `npm run start:worker` run: `npm run build` (tsc + the workflow bundle),
 * then compiled JavaScript with the heap flags and MALLOC_ARENA_MAX of package.json, the prebuilt bundle
 * and the cache bound. A case opened against it fires its alarm by real SMTP.
 */
const root = resolve(__dirname, '..');
let env: TestWorkflowEnvironment;
let mail: MailCatcher;
let pg: TestDatabase;
let worker: Service | undefined;

beforeAll(async () => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  [env, pg, mail] = await Promise.all([devServerEnv(), createTestDatabase(), startMailCatcher()]);
  await pg.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await env?.teardown();
  await mail?.stop();
  await pg?.drop();
});

test('the compiled worker with the prebuilt bundle runs a case and sends its alarm', async () => {
  const start = productionWorkerCommand();
  expect(start.entry).toBe('dist/worker/main.js');
  expect(start.nodeFlags.some((f) => f.startsWith('--max-old-space-size='))).toBe(true);
  worker = startService(
    start.entry,
    {
      ...start.env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: 'production-worker-test',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.smtpPort),
      PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
      LOG_LEVEL: 'info',
    },
    start.nodeFlags,
  );
  await worker.waitForOutput(/worker started/, 60_000);
  // The bundle was loaded, not built: webpack never ran in this process.
  expect(start.env.PLAZO_WORKFLOW_BUNDLE).toBe('dist/workflow-bundle.js');
  expect(worker.output()).toContain('"workflowBundle":"dist/workflow-bundle.js"');
  expect(worker.output()).toContain('"maxCachedWorkflows":100');
  expect(worker.output()).not.toMatch(/Workflow bundle created/);

  // mx-2027.1: one alarm series of three messages (mx-2027.2 adds amparo_now's on a child's detention).
  const handle = await startTestCase(env.client, 'production-worker-test', { caseId: 'prod-1', child: { name: 'A. B.' }, openedAt: new Date().toISOString() }, { rulePack: 'mx-2027.1' });
  await handle.executeUpdate(recordEventUpdate, {
    args: [{ type: 'detention_started', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
  });
  // child_detention_notice: the immediate alarm goes to caseworker, supervisor and lawyer.
  const arrived = await mail.waitFor(3, { timeoutMs: 60_000 });
  expect(arrived.map((m) => m.to[0]).sort()).toEqual([PEOPLE.caseworker.email, PEOPLE.lawyer.email, PEOPLE.supervisor.email].sort());
  // The prebuilt bundle carries the failure converter (npm run build): a rejection leaves the workflow with
  // its message sealed in encoded attributes, and this client, with the codec, reads the reason as written.
  const rejected = await handle
    .executeUpdate(escalateUpdate, { args: [{ by: PEOPLE.supervisor.id, reason: 'no answer', deadlineId: 'no-such-deadline' }] })
    .catch((err: unknown) => err);
  expect(rejected).toBeInstanceOf(WorkflowUpdateFailedError);
  const reason = (rejected as WorkflowUpdateFailedError).cause;
  expect(reason).toBeInstanceOf(ApplicationFailure);
  expect(reason!.message).toBe("deadlineId: no deadline 'no-such-deadline' on this case");
  expect((reason as ApplicationFailure).failure?.encodedAttributes).toBeTruthy();
  const row = await pg.db.selectFrom('cases').select(['id', 'phase']).where('id', '=', 'prod-1').executeTakeFirst();
  expect(row).toEqual({ id: 'prod-1', phase: expect.any(String) });
}, 240_000);
