/**
 * The server split as a cluster is (dev/temporalServer.ts, split): frontend, matching and worker
 * processes, and two history processes sharing the 4 shards. One history process is SIGKILLed while
 * reminders are ahead; the other takes its shards over and every timer still fires, once.
 */
import type { CaughtMail } from '../dev/mailCatcher';
import { recordEventUpdate } from '../workflows/caseDefinitions';
import { untilCasesAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { expectEachMessageOnce, idempotencyKeyOf, startProductionShape, type ProductionShape } from './temporalServerHarness';

const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let shape: ProductionShape;

beforeAll(async () => {
  shape = await startProductionShape({ taskQueue: 'history-failover', split: true });
  await shape.startWorker();
}, 600_000);

afterAll(async () => {
  await shape?.teardown();
});

const keyOf = idempotencyKeyOf;

test('a history process SIGKILLed: the other takes its shards and every reminder fires, once', async () => {
  // Eight cases spread over the shards (by workflow id), so some live on the history process killed.
  const ids = Array.from({ length: 8 }, (_, i) => `HF-${i}`);
  const at = Date.now() + 60_000;
  await Promise.all(
    ids.map(async (caseId) => {
      const h = await startTestCase(shape.client, shape.taskQueue, { caseId, openedAt: new Date(at - 40 * HOUR).toISOString() }, { searchAttributes: true });
      // Detained 32 h before `at`: the 36-hour limit's "4 hours before" reminder falls due at `at`.
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: new Date(at - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
    }),
  );
  expect(Date.now()).toBeLessThan(at);
  expect(await shape.server.processes().get('history-1')!.stop('SIGKILL')).toBeNull();

  const reminder4h = (m: CaughtMail) => /\/detention_36h\/.*\/reminder-4h\//.test(keyOf(m));
  const everyCase = () => ids.every((id) => shape.mail.messages.some((m) => reminder4h(m) && keyOf(m).startsWith(`${id}/`)));
  for (let i = 0; !everyCase() && i < 360; i++) await sleep(500);
  if (!everyCase()) {
    console.log('missing', ids.filter((id) => !shape.mail.messages.some((m) => reminder4h(m) && keyOf(m).startsWith(`${id}/`))), 'mails', shape.mail.messages.length);
    for (const [name, p] of shape.server.processes()) console.log(name, p.output().slice(-3000));
  }
  expect(everyCase()).toBe(true);
  await untilCasesAtRest(shape.client, ids); // every send done: a duplicate would be in by now
  await expectEachMessageOnce(shape, ids);
}, 420_000);
