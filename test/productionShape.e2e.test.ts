/**
 * Plazo on its production shape: the real Temporal server on PostgreSQL (not the dev server), worker
 * processes scaled out on one task queue. One server for the file (test/temporalServerHarness.ts); the
 * tests run in order on it and each uses its own cases.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { CaughtMail } from '../dev/mailCatcher';
import { RULE_PACK } from '../domain';
import { CASE_SEARCH_KEYS } from '../workflows/searchAttributes';
import type { caseWorkflow } from '../workflows/caseWorkflow';
import { recordEventUpdate, upcomingQuery } from '../workflows/caseDefinitions';
import { untilAtRest, untilCasesAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { expectEachMessageOnce, idempotencyKeyOf, startProductionShape, type ProductionShape } from './temporalServerHarness';

const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let shape: ProductionShape;
/**
 * Set by the rush test: from its instant every message is held (accepted only 4 s after its data), and the
 * first hold SIGKILLs a worker. Whatever the victim was sending is then unfinished at the SMTP server and
 * dropped with its connection, so the test shows the retry by another worker — not the unavoidable window
 * between a server's "250 accepted" and the ledger's commit (docs/security.md).
 */
let rush: { at: number; kill: () => void; killing?: boolean } | undefined;

beforeAll(async () => {
  shape = await startProductionShape({
    taskQueue: 'prod-shape',
    mail: {
      hold: () => (rush && Date.now() >= rush.at ? 4000 : 0),
      onHold: () => {
        if (!rush || rush.killing) return;
        rush.killing = true;
        rush.kill();
      },
    },
  });
  await shape.startWorker();
}, 600_000);

afterAll(async () => {
  await shape?.teardown();
});

const keyOf = idempotencyKeyOf;

/** Polls a visibility query until it lists the workflow (visibility is written a moment after the history). */
async function listed(query: string, workflowId: string, want = true): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    const ids: string[] = [];
    for await (const w of shape.client.workflow.list({ query })) ids.push(w.workflowId);
    if (ids.includes(workflowId) === want) return want;
    await sleep(500);
  }
  return !want;
}

test('a case on the real server: its messages go out once, an operator finds it by its search attributes, it closes', async () => {
  const detainedAt = new Date().toISOString();
  const handle: WorkflowHandle<typeof caseWorkflow> = await startTestCase(shape.client, shape.taskQueue, { caseId: 'PS-1', openedAt: detainedAt }, { searchAttributes: true });
  await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: detainedAt, recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
  // The detention alarm's first step goes at once to the three people of the case (amparo_now's alarm, which
  // mx-2027.2 opens at the same instant, goes to them too: counted by its own deadline's messages).
  const notice = (m: { headers: Record<string, string> }) => (m.headers['x-plazo-idempotency-key'] ?? '').startsWith('PS-1/child_detention_notice/');
  const first = await shape.mail.waitFor(3, { match: notice, timeoutMs: 60_000 });
  expect(first.map((m) => m.to[0]).sort()).toEqual([PEOPLE.caseworker.email, PEOPLE.lawyer.email, PEOPLE.supervisor.email].sort());

  // The search attributes follow the case: open, its rule pack, the earliest live due instant.
  const nextDue = (await handle.query(upcomingQuery))[0]!.dueInstant;
  let sa = (await handle.describe()).typedSearchAttributes;
  expect(sa.get(CASE_SEARCH_KEYS.status)).toBe('open');
  expect(sa.get(CASE_SEARCH_KEYS.rulePack)).toBe(RULE_PACK.version);
  expect(sa.get(CASE_SEARCH_KEYS.nextDue)?.toISOString()).toBe(new Date(nextDue).toISOString());
  // "Due by then" finds it; "due before then" does not (docs/production.md's operator queries).
  expect(await listed(`PlazoStatus = 'open' AND PlazoNextDue <= '${new Date(nextDue).toISOString()}'`, handle.workflowId)).toBe(true);
  expect(await listed(`PlazoNextDue < '${new Date(Date.parse(nextDue) - 1000).toISOString()}'`, handle.workflowId, false)).toBe(false);

  await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'case_closed', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.supervisor.id, reason: 'reunified' }] });
  expect((await handle.result()).closed?.reason).toBe('reunified');
  sa = (await handle.describe()).typedSearchAttributes;
  expect(sa.get(CASE_SEARCH_KEYS.status)).toBe('closed');
  expect(sa.get(CASE_SEARCH_KEYS.phase)).toBe('closed');
  expect(sa.get(CASE_SEARCH_KEYS.nextDue)).toBeUndefined();
  expect(await listed(`PlazoStatus = 'closed'`, handle.workflowId)).toBe(true);
  await expectEachMessageOnce(shape, ['PS-1']);
}, 300_000);

test('three workers, one SIGKILLed while a batch of reminders falls due at one instant: each message arrives once', async () => {
  await Promise.all([shape.startWorker(), shape.startWorker()]);
  const ids = Array.from({ length: 12 }, (_, i) => `PS-RUSH-${i}`);
  // Every case's 36-hour limit has its "4 hours before" reminder at the same instant, `at`: detained 32 h
  // before it (recorded late, so what was already due goes out at once, before the rush).
  const at = Date.now() + 60_000;
  const opened = new Date(at - 40 * HOUR).toISOString();
  await Promise.all(
    ids.map(async (caseId) => {
      const h = await startTestCase(shape.client, shape.taskQueue, { caseId, openedAt: opened }, { searchAttributes: true });
      await h.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: new Date(at - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
    }),
  );
  expect(Date.now()).toBeLessThan(at); // the cases were ready before the rush
  const victim = shape.workers[0]!;
  let killed: Promise<number | null> | undefined;
  rush = { at, kill: () => (killed = victim.stop('SIGKILL')) };
  // Holds end once the victim is dead: nothing it sent can have been accepted.
  void (async () => {
    for (let i = 0; !killed && i < 2400; i++) await sleep(50);
    await killed;
    rush = undefined;
  })();

  const reminder4h = (m: CaughtMail) => ids.includes(keyOf(m).split('/')[0]!) && /\/detention_36h\/.*\/reminder-4h\//.test(keyOf(m));
  // Each case's reminder goes to at least one person; wait until every case has had it.
  const everyCase = () => ids.every((id) => shape.mail.messages.some((m) => reminder4h(m) && keyOf(m).startsWith(`${id}/`)));
  for (let i = 0; !everyCase() && i < 400; i++) await sleep(500);
  expect(killed).toBeDefined();
  expect(await killed).toBeNull(); // killed by the signal
  expect(everyCase()).toBe(true);
  expect(Math.min(...shape.mail.messages.filter(reminder4h).map((m) => m.receivedAt.getTime()))).toBeGreaterThanOrEqual(at - 1000);
  await untilCasesAtRest(shape.client, ids); // every send done, the killed worker's included: a duplicate would be in by now
  // The same reminders went to each case (same people, same steps): none lost to the kill.
  const perCase = ids.map((id) => shape.mail.messages.filter((m) => reminder4h(m) && keyOf(m).startsWith(`${id}/`)).length);
  expect(new Set(perCase).size).toBe(1);
  await expectEachMessageOnce(shape, ids);
}, 420_000);

test('the Temporal server restarted while a reminder is ahead: it arrives, once', async () => {
  const now = Date.now();
  const handle = await startTestCase(shape.client, shape.taskQueue, { caseId: 'PS-RESTART', openedAt: new Date(now - 40 * HOUR).toISOString() }, { searchAttributes: true });
  const reminderAt = now + 45_000;
  await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: new Date(reminderAt - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
  const reminder4h = (m: CaughtMail) => keyOf(m).startsWith('PS-RESTART/') && /\/detention_36h\/.*\/reminder-4h\//.test(keyOf(m));
  expect(shape.mail.messages.filter(reminder4h)).toHaveLength(0);

  await shape.server.restart(); // every process stopped and started again on the same Postgres
  await shape.mail.waitFor(1, { match: reminder4h, timeoutMs: 180_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(reminderAt - 1000);
  await untilAtRest(handle); // every send done: a duplicate would be in by now
  await expectEachMessageOnce(shape, ['PS-RESTART']);
  expect((await handle.describe()).status.name).toBe('RUNNING');
}, 420_000);
