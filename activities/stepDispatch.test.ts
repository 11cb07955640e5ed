/**
 * The dispatcher's round on real Postgres, run as Temporal runs an activity (MockActivityEnvironment: its
 * context, heartbeats and sleep): steps falling due within DISPATCHER_FOLLOW_GAP_MS of each other are sent by the same
 * round, each at or after its instant, never before; a step due later than that is left for the workflow's
 * timer and named as the next instant. The sending itself (rendering, SMTP, the ledger) is the deliveries'
 * and is checked end to end in workflows/stepDispatcher.test.ts; here it is a recorder of what was handed to it
 * and when.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { DeliveryInput, DeliveryResult } from './deliveries';
import { createStepDispatchActivities } from './stepDispatch';
import { DISPATCHER_FOLLOW_GAP_MS as FOLLOW_GAP_MS } from '../domain/case/steps';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';

let pg: TestDatabase;
beforeAll(async () => {
  pg = await createTestDatabase();
});
afterAll(() => pg?.drop());
afterEach(() => pg.db.deleteFrom('step_outbox').execute());

const step = (base: string, at: number) =>
  pg.db
    .insertInto('step_outbox')
    .values({ idempotency_base: base, case_id: `C-${base}`, step_at: new Date(at), due_instant: null, input: JSON.stringify({ idempotencyBase: base }) })
    .execute();

/** The round's activities with a sender that records each step handed to it and when. */
function dispatcher() {
  const handed: { base: string; at: number; firedAt: number }[] = [];
  const { dispatchDueSteps } = createStepDispatchActivities({
    db: pg.db,
    dispatcher: true,
    async sendStepsAcrossCases(inputs: DeliveryInput[]) {
      const at = Date.now();
      for (const i of inputs) handed.push({ base: i.idempotencyBase, at, firedAt: i.firedAt });
      return inputs.map(() => ({ result: { sent: [], unreachable: [] } as DeliveryResult }));
    },
  });
  return { handed, dispatchDueSteps };
}

test('steps falling due close together go out in the one round, each at or after its instant; a later one is left to the timer', async () => {
  const t0 = Date.now();
  const dueAt = { a: t0 - 1_000, b: t0 + 300, c: t0 + 700, later: t0 + 700 + FOLLOW_GAP_MS + 3_000 };
  for (const [base, at] of Object.entries(dueAt)) await step(base, at);
  const { handed, dispatchDueSteps } = dispatcher();

  const round = await new MockActivityEnvironment().run(dispatchDueSteps, { at: t0, limit: 1_000, perEmail: 10 });

  expect(round).toEqual({ sent: 3, givenUp: 0, more: false, nextAt: dueAt.later });
  expect(handed.map((h) => h.base)).toEqual(['a', 'b', 'c']);
  for (const h of handed) {
    const due = dueAt[h.base as keyof typeof dueAt];
    expect(h.at).toBeGreaterThanOrEqual(due); // never before its instant
    expect(h.firedAt).toBeGreaterThanOrEqual(due); // and the message says when it was sent, not when the round began
  }
  const left = await pg.db.selectFrom('step_outbox').select(['idempotency_base', 'sent_at']).orderBy('idempotency_base').execute();
  expect(left.map((r) => [r.idempotency_base, r.sent_at !== null])).toEqual([['a', true], ['b', true], ['c', true], ['later', false]]);
});

test('a gap longer than FOLLOW_GAP_MS ends the round: the next step waits for the workflow', async () => {
  const t0 = Date.now();
  await step('now', t0);
  await step('after-gap', t0 + FOLLOW_GAP_MS + 2_000);
  const { handed, dispatchDueSteps } = dispatcher();

  const round = await new MockActivityEnvironment().run(dispatchDueSteps, { at: t0, limit: 1_000, perEmail: 10 });

  expect(round).toEqual({ sent: 1, givenUp: 0, more: false, nextAt: t0 + FOLLOW_GAP_MS + 2_000 });
  expect(handed.map((h) => h.base)).toEqual(['now']);
});

test('a round that took as many as it may goes on at once within the same activity', async () => {
  const t0 = Date.now();
  for (const base of ['x1', 'x2', 'x3']) await step(base, t0 - 5_000);
  const { handed, dispatchDueSteps } = dispatcher();

  // With the limit reached the round goes on within the activity while it may, so all three go out.
  const round = await new MockActivityEnvironment().run(dispatchDueSteps, { at: t0, limit: 2, perEmail: 10 });

  expect(handed.map((h) => h.base).sort()).toEqual(['x1', 'x2', 'x3']);
  expect(round).toEqual({ sent: 3, givenUp: 0, more: false, nextAt: null });
});
