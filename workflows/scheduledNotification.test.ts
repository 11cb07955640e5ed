import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { timeSkippingEnv } from '../test/temporalEnv';
import { withTestWorker } from '../test/testWorker';
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

test('a reminder 60 days out sleeps 60 days of workflow time, in seconds of real time, and is sent once', async () => {
  const startedWorkflowTime = await env.currentTimeMs();
  const at = new Date(startedWorkflowTime + 60 * DAY).toISOString();
  const realStart = Date.now();

  const opts = { connection: env.nativeConnection, namespace: env.namespace, taskQueue: 'test-scheduled', db: pg.db, smtpPort: mail.smtpPort };
  const result = await withTestWorker(opts, () =>
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
