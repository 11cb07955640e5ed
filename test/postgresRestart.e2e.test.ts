/**
 * Postgres is stopped under a running worker while a case records a detention, and started again some
 * seconds later, on the dev server's real clock (local activities hold the workflow task open while they
 * retry, which the time-skipping server cannot skip past). The activities that need it (deadlines,
 * deliveries, the read model) fail and are retried; once Postgres is back nothing is missing: the alarm reaches
 * all three people exactly once, the read model holds the case's deadlines. Its own Postgres server,
 * so the shared test server is never stopped.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDb, migrateToLatest, type Db } from '../db/database';
import { freePort } from '../dev/freePort';
import { startService, type Service } from '../dev/processes';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { recordEventUpdate } from '../workflows/caseDefinitions';
import { eventually } from './apiHarness';
import { untilAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { devServerEnv } from './temporalEnv';
import { withTestWorker } from './testWorker';

const CASE = 'PGDOWN-1';
let dir: string;
let port: number;
let pg: Service | undefined;
let db: Db;
let env: TestWorkflowEnvironment;
let mail: MailCatcher;

/** Postgres in its own process, so this test can stop it without touching the shared test server. */
async function startPg(): Promise<Service> {
  const svc = startService('dev/postgresProcess.ts', { PG_DIR: join(dir, 'pg'), PG_PORT: String(port) });
  await svc.waitForOutput(/postgres ready/, 120_000);
  return svc;
}
const adminUrl = () => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plazo-pg-restart-'));
  chmodSync(dir, 0o755); // as root, initdb runs as `postgres` and must reach the data directory
  port = await freePort();
  pg = await startPg();
  [env, mail] = await Promise.all([devServerEnv(), startMailCatcher()]);
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query('create database plazo');
  await admin.end();
  db = createDb(adminUrl().replace(/\/postgres$/, '/plazo'));
  await migrateToLatest(db);
  await db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await pg?.stop('SIGTERM');
  await env?.teardown();
  await mail?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('Postgres restarted under the worker: activities retry, nothing is lost or sent twice', async () => {
  const opts = { connection: env.nativeConnection, namespace: env.namespace, taskQueue: 'pg-restart', db, smtpPort: mail.smtpPort, maxCachedWorkflows: 0 };
  await withTestWorker(opts, async () => {
    const openedAt = new Date().toISOString();
    // Under mx-2027.1 a detention opens one alarm series (mx-2027.2 adds amparo_now's): three emails, counted exactly.
    const handle = await startTestCase(env.client, 'pg-restart', { caseId: CASE, child: { name: 'P. G.' }, openedAt }, { rulePack: 'mx-2027.1' });
    await eventually(async () => expect(await db.selectFrom('cases').select('id').where('id', '=', CASE).executeTakeFirst()).toBeDefined());

    expect(await pg!.stop('SIGTERM')).toBe(0);
    pg = undefined;
    // The update runs while Postgres is down: counting its deadlines (a local activity, on the real clock
    // of the dev server) fails and is retried; nothing is sent meanwhile.
    const at = new Date().toISOString();
    const update = handle.executeUpdate(recordEventUpdate, {
      args: [{ type: 'detention_started', occurredAt: at, recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
    });
    update.catch(() => undefined); // awaited below
    await new Promise((r) => setTimeout(r, 8000));
    expect(mail.messages).toHaveLength(0);

    pg = await startPg();
    await update;
    const arrived = await mail.waitFor(3, { timeoutMs: 60_000, match: (m) => (m.headers['x-plazo-idempotency-key'] ?? '').startsWith(`${CASE}/`) });
    expect(arrived.map((m) => m.to[0]).sort()).toEqual([PEOPLE.caseworker.email, PEOPLE.lawyer.email, PEOPLE.supervisor.email].sort());
    await untilAtRest(handle); // every send done: a duplicate would be in by now

    const keys = mail.messages.map((m) => m.headers['x-plazo-idempotency-key']);
    expect(new Set(keys).size).toBe(keys.length);
    const ledger = await db.selectFrom('notifications').select(['idempotency_key', 'status']).where('case_id', '=', CASE).where('channel', '=', 'email').execute();
    expect(ledger.map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
    expect(ledger.every((r) => r.status === 'sent')).toBe(true);
    // The read model caught up with the event recorded while Postgres was down.
    await eventually(async () => {
      const deadlines = await db.selectFrom('case_deadlines').select('deadline_id').where('case_id', '=', CASE).execute();
      expect(deadlines.map((d) => d.deadline_id)).toEqual(expect.arrayContaining([expect.stringMatching(/^detention_36h/)]));
    });
  });
}, 300_000);
