import { freePort } from '../dev/freePort';
import { startService, type Service } from '../dev/processes';
import { recordEventUpdate } from '../workflows/caseDefinitions';
import { startApiProcess, type ApiProcess } from './apiHarness';
import { PEOPLE, startTestCase } from './caseHarness';
import { TEST_CODEC_KEYS } from './codecKeys';
import { scrape, scrapeUntil, valueOf, type Exposition } from './prometheusText';

/**
 * The worker and the API as production runs them (their own processes, metrics ports from the
 * environment), scraped over HTTP as Prometheus does. A detention's immediate alarm, delivered by real
 * SMTP, moves the delivery counters; no case id, name or address appears in any label.
 */
let api: ApiProcess;
let worker: Service | undefined;
let apiMetrics: string;
let workerMetrics: string;
const QUEUE = 'metrics-worker';

beforeAll(async () => {
  const [apiPort, workerPort, sdkPort] = await Promise.all([freePort(), freePort(), freePort()]);
  apiMetrics = `http://127.0.0.1:${apiPort}/metrics`;
  workerMetrics = `http://127.0.0.1:${workerPort}/metrics`;
  api = await startApiProcess('metrics-api', { PLAZO_METRICS_PORT: String(apiPort) });
  worker = startService('worker/main.ts', {
    DATABASE_URL: api.pg.url,
    TEMPORAL_ADDRESS: api.env.address,
    TEMPORAL_NAMESPACE: api.env.namespace ?? 'default',
    TEMPORAL_TASK_QUEUE: QUEUE,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(api.mail.smtpPort),
    PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
    PLAZO_METRICS_PORT: String(workerPort),
    PLAZO_TEMPORAL_METRICS_PORT: String(sdkPort),
    LOG_LEVEL: 'info',
  });
  await worker.waitForOutput(/worker started/, 120_000);
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await api?.teardown();
});

const WORKER_METRICS = [
  'plazo_reminders_due_total',
  'plazo_reminders_sent_total',
  'plazo_reminders_failed_total',
  'plazo_reminders_retried_total',
  'plazo_reminder_lateness_seconds',
  'plazo_smtp_errors_total',
  'plazo_undelivered_reminder_oldest_age_seconds',
  'plazo_open_cases',
  'plazo_deadlines_missed',
  'plazo_case_engine_incidents_open',
  'plazo_step_outbox_oldest_due_seconds',
  'plazo_database_size_bytes',
  'plazo_database_connections',
  'plazo_database_max_connections',
  // The process (prom-client's defaults).
  'process_resident_memory_bytes',
  'nodejs_eventloop_lag_seconds',
];

test('the worker serves its own and the Temporal SDK metrics; a delivered alarm moves the counters', async () => {
  const before = await scrape(workerMetrics);
  expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  for (const name of WORKER_METRICS) expect({ name, declared: before.exposition.types.has(name) }).toEqual({ name, declared: true });
  expect(before.exposition.types.get('plazo_reminder_lateness_seconds')).toBe('histogram');
  expect(before.exposition.types.get('plazo_reminders_sent_total')).toBe('counter');
  // The SDK's (Core runtime) metrics, Prometheus-named, in the same scrape, once its pollers have started.
  const workflowPollers = (e: Exposition) => valueOf(e, 'temporal_num_pollers', { poller_type: 'workflow_task', task_queue: QUEUE });
  expect(workflowPollers((await scrapeUntil(workerMetrics, (e) => workflowPollers(e) > 0)).exposition)).toBeGreaterThan(0);
  const sentBefore = valueOf(before.exposition, 'plazo_reminders_sent_total', { channel: 'email' });
  const dueBefore = valueOf(before.exposition, 'plazo_reminders_due_total', { channel: 'email' });
  const latenessBefore = valueOf(before.exposition, 'plazo_reminder_lateness_seconds_count', { channel: 'email' });

  // Under mx-2027.1 a detention opens one alarm series (mx-2027.2 adds amparo_now's): three emails, counted exactly.
  const handle = await startTestCase(api.env.client, QUEUE, { caseId: 'metrics-1', child: { name: 'Zacarías Metrix' }, openedAt: new Date().toISOString() }, { rulePack: 'mx-2027.1' });
  await handle.executeUpdate(recordEventUpdate, {
    args: [{ type: 'detention_started', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
  });
  await api.mail.waitFor(3, { timeoutMs: 60_000 });

  // The counters move once the ledger row is committed, a moment after the catcher has the message.
  const after = await scrapeUntil(workerMetrics, (e) => valueOf(e, 'plazo_reminders_sent_total', { channel: 'email' }) - sentBefore >= 3);
  expect(valueOf(after.exposition, 'plazo_reminders_sent_total', { channel: 'email' }) - sentBefore).toBe(3);
  expect(valueOf(after.exposition, 'plazo_reminders_due_total', { channel: 'email' }) - dueBefore).toBe(3);
  expect(valueOf(after.exposition, 'plazo_reminder_lateness_seconds_count', { channel: 'email' }) - latenessBefore).toBe(3);
  expect(valueOf(after.exposition, 'plazo_reminders_failed_total')).toBe(0);
  // Read from Postgres at scrape time: the case is open (by phase), nothing is waiting to be delivered.
  expect(valueOf(after.exposition, 'plazo_open_cases')).toBe(1);
  expect(valueOf(after.exposition, 'plazo_undelivered_reminder_oldest_age_seconds', { deadline_unit: 'hours' })).toBe(0);
  expect(after.exposition.samples.find((s) => s.name === 'plazo_case_engine_incidents_open')?.value).toBe(0);
  expect(valueOf(after.exposition, 'plazo_database_size_bytes')).toBeGreaterThan(1_000_000);
  expect(valueOf(after.exposition, 'plazo_database_connections')).toBeGreaterThanOrEqual(1);
  expect(valueOf(after.exposition, 'plazo_database_connections')).toBeLessThanOrEqual(valueOf(after.exposition, 'plazo_database_max_connections'));
  // The SDK reports a series once it has something to say: the case's workflow tasks filled the cache.
  expect(after.exposition.types.get('temporal_sticky_cache_size')).toBe('gauge');
  expect(valueOf(after.exposition, 'temporal_sticky_cache_size')).toBeGreaterThanOrEqual(1);
  expectNoPersonalData(after.text);
}, 180_000);

test('a workflow task that fails is counted by the SDK metric the alert reads', async () => {
  // A workflow type no worker knows: each of its workflow tasks fails on the worker.
  const stray = await api.env.client.workflow.start('noSuchWorkflow', { taskQueue: QUEUE, workflowId: 'metrics-stray', args: [] });
  try {
    const failedTasks = (e: Exposition) => valueOf(e, 'temporal_workflow_task_execution_failed_total', { task_queue: QUEUE });
    const failed = failedTasks((await scrapeUntil(workerMetrics, (e) => failedTasks(e) > 0, 30_000)).exposition);
    expect(failed).toBeGreaterThanOrEqual(1);
  } finally {
    await stray.terminate('test over');
  }
}, 60_000);

test('an undelivered message shows as the age of the oldest one, by the unit of its deadline', async () => {
  await api.pg.db
    .insertInto('notifications')
    .values({ idempotency_key: 'metrics/stuck', channel: 'email', recipient: 'x@ong.test', language: 'es', subject: 's', body: 'b', status: 'failed', last_error: 'refused', sent_at: null, scheduled_for: new Date(Date.now() - 15 * 60_000), case_id: null, deadline_id: null, step: null })
    .execute();
  try {
    const { exposition } = await scrape(workerMetrics);
    const age = valueOf(exposition, 'plazo_undelivered_reminder_oldest_age_seconds', { deadline_unit: 'none' });
    expect(age).toBeGreaterThanOrEqual(15 * 60);
    expect(age).toBeLessThan(20 * 60);
  } finally {
    await api.pg.db.deleteFrom('notifications').where('idempotency_key', '=', 'metrics/stuck').execute();
  }
});

test('the API serves request latency by route pattern and failed sign-ins', async () => {
  const before = (await scrape(apiMetrics)).exposition;
  expect(before.types.get('plazo_http_request_duration_seconds')).toBe('histogram');
  expect(before.types.get('plazo_sign_in_failures_total')).toBe('counter');
  expect(before.types.get('process_resident_memory_bytes')).toBe('gauge');
  const failuresBefore = valueOf(before, 'plazo_sign_in_failures_total');

  // The case the first test opened.
  const read = await fetch(`${api.base}/api/cases/metrics-1`, { headers: { authorization: `Bearer ${api.tokens.ana}` } });
  expect(read.status).toBe(200);
  const bad = await fetch(`${api.base}/api/cases`, { headers: { authorization: 'Bearer not-a-token' } });
  expect(bad.status).toBe(401);
  await fetch(`${api.base}/no/such/metrics-1/path`);

  const { text, exposition } = await scrape(apiMetrics);
  expect(valueOf(exposition, 'plazo_sign_in_failures_total') - failuresBefore).toBe(1);
  expect(valueOf(exposition, 'plazo_http_request_duration_seconds_count', { method: 'GET', route: '/api/cases/:id', status: '200' })).toBe(1);
  expect(valueOf(exposition, 'plazo_http_request_duration_seconds_count', { method: 'GET', route: '/api/cases', status: '401' })).toBe(1);
  expect(valueOf(exposition, 'plazo_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
  expectNoPersonalData(text);
});

/** Labels carry bounded sets only: never the case id, the child's name or a person's address. */
function expectNoPersonalData(text: string): void {
  expect(text).not.toContain('metrics-1');
  expect(text).not.toContain('Metrix');
  expect(text).not.toContain('@ong.test');
  expect(text).not.toContain(PEOPLE.caseworker.id);
}
