import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { scheduledNotificationWorkflow } from '../workflows';
import { devServerEnv } from './temporalEnv';
import { startService, type Service } from '../dev/processes';
import { TEST_CODEC_KEYS } from './codecKeys';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/**
 * The whole stack for real: Temporal dev server (Temporal CLI), the worker and API processes as they run
 * in production, Postgres, and an SMTP server on loopback.
 */
let env: TestWorkflowEnvironment;
let mail: MailCatcher;
let pg: TestDatabase;
let worker: Service;
let api: Service;
let apiPort: number;

beforeAll(async () => {
  [env, mail, pg] = await Promise.all([devServerEnv(), startMailCatcher(), createTestDatabase()]);
  apiPort = 30000 + Math.floor(Math.random() * 20000);
  const common = {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: 'e2e-foundation',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    MAIL_FROM: 'Plazo <plazo@test.local>',
    PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
    LOG_LEVEL: 'info',
  };
  worker = startService('worker/main.ts', common);
  api = startService('client/api/main.ts', { ...common, API_PORT: String(apiPort) });
  await Promise.all([worker.waitForOutput(/worker started/), api.waitForOutput(/api started/)]);
}, 180_000);

afterAll(async () => {
  await Promise.all([worker?.stop(), api?.stop()]);
  await env?.teardown();
  await mail?.stop();
  await pg?.drop();
});

test('a client starts a workflow; the worker writes the ledger row to Postgres and sends the email over SMTP', async () => {
  const result = await env.client.workflow.execute(scheduledNotificationWorkflow, {
    taskQueue: 'e2e-foundation',
    workflowId: `e2e-${Date.now()}`,
    args: [
      {
        at: new Date().toISOString(),
        notification: {
          idempotencyKey: 'e2e:foundation:1',
          caseId: 'case-e2e',
          recipient: 'abogada@test.local',
          language: 'en',
          subject: 'Plazo end-to-end check',
          body: 'The stack is alive.',
        },
      },
    ],
  });
  expect(result.outcome).toBe('sent');

  const [message] = await mail.waitFor(1);
  expect(message!.to).toEqual(['abogada@test.local']);
  expect(message!.subject).toBe('Plazo end-to-end check');
  expect(message!.text.trim()).toBe('The stack is alive.');
  expect(message!.headers['x-plazo-idempotency-key']).toBe('e2e:foundation:1');

  const row = await pg.db.selectFrom('notifications').selectAll().where('idempotency_key', '=', 'e2e:foundation:1').executeTakeFirstOrThrow();
  expect(row).toMatchObject({ case_id: 'case-e2e', recipient: 'abogada@test.local', status: 'sent', attempts: 1, channel: 'email' });
  expect(row.sent_at).toBeInstanceOf(Date);
});

test('the API health endpoint reports Postgres and Temporal as reachable', async () => {
  const res = await fetch(`http://127.0.0.1:${apiPort}/api/health`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
});

test('the worker and the API stop cleanly on SIGTERM', async () => {
  expect(await worker.stop('SIGTERM')).toBe(0);
  expect(worker.output()).toMatch(/worker stopped/);
  expect(await api.stop('SIGTERM')).toBe(0);
});
