/**
 * The Temporal dev server (history in a SQLite file) is stopped and started again while a case is open
 * and its next reminder is still ahead. The worker keeps running through the outage; after the restart
 * the case's timer fires and the reminder arrives, exactly once.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { freePort } from '../dev/freePort';
import { temporalCli } from '../dev/temporalBinaries';
import { caseWorkflowId, recordEventUpdate } from '../workflows/caseDefinitions';
import { untilAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { testDataConverter } from './codecKeys';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { startTestWorker } from './testWorker';

const CASE = 'RESTART-1';
const HOUR = 3600_000;
let dir: string;
let port: number;
let env: TestWorkflowEnvironment | undefined;
let mail: MailCatcher;
let pg: TestDatabase;

/** The dev server on a fixed port with its history in a file, so a new one picks up where the old stopped. */
const startServer = () =>
  TestWorkflowEnvironment.createLocal({
    server: { executable: temporalCli(), ip: '127.0.0.1', port, dbFilename: join(dir, 'temporal.db'), ui: false },
    client: { dataConverter: testDataConverter() },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plazo-temporal-restart-'));
  port = await freePort();
  [env, mail, pg] = await Promise.all([startServer(), startMailCatcher(), createTestDatabase()]);
  await pg.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
}, 120_000);

afterAll(async () => {
  await env?.teardown();
  await mail?.stop();
  await pg?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('an open case keeps its timer across a Temporal server restart', async () => {
  const connection = await NativeConnection.connect({ address: `127.0.0.1:${port}` });
  const worker = await startTestWorker({ connection, taskQueue: 'temporal-restart', db: pg.db, smtpPort: mail.smtpPort });
  try {
    const now = Date.now();
    const handle = await startTestCase(env!.client, 'temporal-restart', { caseId: CASE, child: { name: 'R. T.' }, openedAt: new Date(now - 40 * HOUR).toISOString() });
    // Recorded late: detained 32 h minus 75 s ago, so the 36-hour limit's "4 hours before" reminder is due in 75 s.
    const reminderAt = now + 75_000;
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ type: 'detention_started', occurredAt: new Date(reminderAt - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
    });
    // What was already due goes out at once; it is all out before the restart.
    await untilAtRest(handle);
    const before = mail.messages.length;
    const dueLater = (m: (typeof mail.messages)[number]) => Date.parse(m.headers['x-plazo-scheduled-for'] ?? '') >= reminderAt - 1000;
    expect(mail.messages.filter(dueLater)).toHaveLength(0);

    await env!.teardown();
    env = undefined;
    await new Promise((r) => setTimeout(r, 3000)); // down for a while; the worker's polls fail meanwhile
    env = await startServer();

    // The 36-hour limit's 4-hours-before reminder (the detention alarm's next repeat falls due then too).
    const reminder4h = (m: (typeof mail.messages)[number]) => /\/detention_36h\/.*\/reminder-4h\//.test(m.headers['x-plazo-idempotency-key'] ?? '');
    await mail.waitFor(1, { match: reminder4h, timeoutMs: 150_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(reminderAt - 1000);
    await untilAtRest(env.client.workflow.getHandle(caseWorkflowId(CASE))); // every send done: a duplicate would be in by now
    const keys = mail.messages.map((m) => m.headers['x-plazo-idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    expect(mail.messages.length).toBeGreaterThan(before);
    // The case is still open and answers after the restart.
    expect((await env.client.workflow.getHandle(caseWorkflowId(CASE)).describe()).status.name).toBe('RUNNING');
  } finally {
    await worker.stop();
    await connection.close();
  }
}, 300_000);
