import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { testDataConverter } from '../test/codecKeys';
import { timeSkippingEnv, workflowBundle } from '../test/temporalEnv';
import { createPlazoWorker } from '../worker/createWorker';
import { createMailer } from '../worker/mailer';
import { scheduledNotificationWorkflow } from './scheduledNotification';

const DAY = 24 * 3600 * 1000;
let env: TestWorkflowEnvironment;
let mail: MailCatcher;
let pg: TestDatabase;

beforeAll(async () => {
  [env, mail, pg] = await Promise.all([timeSkippingEnv(), startMailCatcher(), createTestDatabase()]);
});
afterAll(async () => {
  await env?.teardown();
  await mail?.stop();
  await pg?.drop();
});

async function withWorker<T>(fn: (worker: Worker) => Promise<T>): Promise<T> {
  const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort });
  const worker = await createPlazoWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: 'test-scheduled',
    dataConverter: testDataConverter(),
    workflowBundle: await workflowBundle(),
    db: pg.db,
    mailer,
    mailFrom: 'plazo@test.local',
    publicUrl: 'http://plazo.test',
  });
  try {
    return await worker.runUntil(fn(worker));
  } finally {
    mailer.close();
  }
}

test('a reminder 60 days out sleeps 60 days of workflow time, in seconds of real time, and is sent once', async () => {
  const startedWorkflowTime = await env.currentTimeMs();
  const at = new Date(startedWorkflowTime + 60 * DAY).toISOString();
  const realStart = Date.now();

  const result = await withWorker(() =>
    env.client.workflow.execute(scheduledNotificationWorkflow, {
      taskQueue: 'test-scheduled',
      workflowId: 'scheduled-60-days',
      args: [
        {
          at,
          notification: {
            idempotencyKey: 'test:60-days',
            recipient: 'caseworker@test.local',
            language: 'es',
            subject: 'Recordatorio a 60 días',
            body: 'Han pasado 60 días.',
          },
        },
      ],
    }),
  );

  const realElapsed = Date.now() - realStart;
  const workflowElapsed = (await env.currentTimeMs()) - startedWorkflowTime;
  expect(result.outcome).toBe('sent');
  expect(workflowElapsed).toBeGreaterThanOrEqual(60 * DAY);
  expect(realElapsed).toBeLessThan(30_000);
  expect(mail.messages.map((m) => m.subject)).toEqual(['Recordatorio a 60 días']);
  const rows = await pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts']).execute();
  expect(rows).toEqual([{ idempotency_key: 'test:60-days', status: 'sent', attempts: 1 }]);
});
