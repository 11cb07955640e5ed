/**
 * The dispatcher's lag gauge (plazo_step_outbox_oldest_due_seconds) on real Postgres, read through the
 * registry's exposition as Prometheus scrapes it: 0 with an empty outbox, the age of a due step left unsent,
 * and 0 again once it is sent, while it is in the future, or once the dispatcher left it to its case.
 */
import { Registry } from 'prom-client';
import { oldestDueStepAgeSeconds } from '../db/queries/outboxLag';
import { parseExposition, valueOf } from '../test/prometheusText';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { registerLedgerGauges } from './ledgerGauges';

const NAME = 'plazo_step_outbox_oldest_due_seconds';
let pg: TestDatabase;
const registry = new Registry();
beforeAll(async () => {
  pg = await createTestDatabase();
  registerLedgerGauges(registry, pg.db);
});
afterAll(() => pg?.drop());
afterEach(() => pg.db.deleteFrom('step_outbox').execute());

const scrape = async () => {
  const exposition = parseExposition(await registry.metrics());
  expect(exposition.types.get(NAME)).toBe('gauge');
  // Always present, so the alert never goes quiet for want of data.
  expect(exposition.samples.filter((s) => s.name === NAME)).toHaveLength(1);
  return valueOf(exposition, NAME, {});
};
const step = (base: string, secondsAgo: number) =>
  pg.db
    .insertInto('step_outbox')
    .values({ idempotency_base: base, case_id: 'C-1', step_at: new Date(Date.now() - secondsAgo * 1000), due_instant: null, input: JSON.stringify({}) })
    .execute();
const mark = (base: string, column: 'sent_at' | 'given_up_at') => pg.db.updateTable('step_outbox').set({ [column]: new Date() }).where('idempotency_base', '=', base).execute();

test('an empty outbox: 0', async () => {
  expect(await scrape()).toBe(0);
  expect(await oldestDueStepAgeSeconds(pg.db)).toBe(0);
});

test('a step due 400 s ago and not sent: about 400; the same step sent: 0', async () => {
  await step('C-1/d/1', 400);
  const age = await scrape();
  expect(age).toBeGreaterThanOrEqual(399);
  expect(age).toBeLessThan(420);
  await mark('C-1/d/1', 'sent_at');
  expect(await scrape()).toBe(0);
});

test('several due: the oldest not sent', async () => {
  await step('C-1/d/1', 400);
  await step('C-2/d/1', 100);
  await step('C-3/d/1', 900);
  await mark('C-3/d/1', 'sent_at');
  expect(Math.round(await oldestDueStepAgeSeconds(pg.db) / 10)).toBe(40);
  await mark('C-1/d/1', 'given_up_at');
  expect(Math.round(await oldestDueStepAgeSeconds(pg.db) / 10)).toBe(10);
});

test('a step in the future: 0', async () => {
  await step('C-1/d/3', -3600);
  expect(await scrape()).toBe(0);
});

test('a step the dispatcher left to its case (given_up_at): 0', async () => {
  await step('C-1/d/4', 400);
  await mark('C-1/d/4', 'given_up_at');
  expect(await scrape()).toBe(0);
});
