import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
import { recordEventUpdate } from '../workflows/caseDefinitions';
import { untilAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { devServerEnv } from './temporalEnv';
import { TEST_CODEC_KEYS } from './codecKeys';
import { createTestDatabase, type TestDatabase } from './testDatabase';

/**
 * The worker is SIGKILLed while the SMTP server holds the first alarm's first final "." unanswered. The
 * activity is retried by a new worker process; every message arrives exactly once.
 */
let env: TestWorkflowEnvironment;
let mail: MailCatcher;
let pg: TestDatabase;
const workers: Service[] = [];
let killed: Promise<unknown> | undefined;

beforeAll(async () => {
  [env, pg] = await Promise.all([devServerEnv(), createTestDatabase()]);
  // Every message that reaches its final "." before the first worker is dead is held, then dropped (its
  // client is gone): the people's messages go out side by side, so more than one can be in flight.
  let dead = false;
  mail = await startMailCatcher({
    hold: () => (dead ? 0 : 8000),
    onHold: () => {
      killed ??= workers[0]!.stop('SIGKILL').then((code) => {
        dead = true;
        return code;
      });
    },
  });
  await pg.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await env?.teardown();
  await mail?.stop();
  await pg?.drop();
});

function startWorker(): Service {
  const w = startService('worker/main.ts', {
    DATABASE_URL: pg.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: 'kill-test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
    LOG_LEVEL: 'info',
  });
  workers.push(w);
  return w;
}

test('a worker killed during an email send: after restart each message arrives once', async () => {
  await startWorker().waitForOutput(/worker started/, 120_000);
  // mx-2027.1: the detention raises one alarm to three people (mx-2027.2 adds amparo_now's; the machinery is the same).
  const handle = await startTestCase(env.client, 'kill-test', { caseId: 'kill-1', child: { name: 'J. R.' }, openedAt: new Date().toISOString() }, { rulePack: 'mx-2027.1' });
  await handle.executeUpdate(recordEventUpdate, {
    args: [{ type: 'detention_started', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
  });

  for (let i = 0; !killed && i < 32; i++) await new Promise((r) => setTimeout(r, 500));
  expect(killed).toBeDefined();
  expect(await killed).toBeNull(); // exit code null: killed by a signal
  expect(mail.messages).toHaveLength(0);

  await startWorker().waitForOutput(/worker started/, 120_000);
  const arrived = await mail.waitFor(3, { timeoutMs: 90_000 });
  await untilAtRest(handle); // every send done: a duplicate would be in by now
  expect(mail.messages).toHaveLength(3);
  expect(arrived.map((m) => m.to[0]).sort()).toEqual([PEOPLE.caseworker.email, PEOPLE.supervisor.email, PEOPLE.lawyer.email].sort());
  const keys = mail.messages.map((m) => m.headers['x-plazo-idempotency-key']);
  expect(new Set(keys).size).toBe(3);
  const ledger = await pg.db.selectFrom('notifications').select(['status', 'attempts']).where('case_id', '=', 'kill-1').execute();
  expect(ledger).toEqual([
    { status: 'sent', attempts: 1 },
    { status: 'sent', attempts: 1 },
    { status: 'sent', attempts: 1 },
  ]);
}, 240_000);
