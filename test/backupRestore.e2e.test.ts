/**
 * `plazo backup` and `plazo restore` on the production shape: Plazo's, Temporal's and visibility's
 * databases in one Postgres cluster (as `make prod-local` and compose lay them), the real Temporal server
 * on it, a worker process. Cases with reminders ahead are backed up while everything runs; then everything
 * is destroyed (worker, server, Postgres, its data directory), the archive is restored into a new data
 * directory on new ports, and every case goes on: each pending reminder goes out once, nothing sent before
 * the backup is sent again, the read model is the one backed up, and a new event is recorded.
 */
import { Client, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { recordAudit } from '../db/auditLog';
import { createDb, migrateToLatest, type Db } from '../db/database';
import { freePort } from '../dev/freePort';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
import { pgServerOf, startTemporalServer, type TemporalServer } from '../dev/temporalServer';
import { caseWorkflowId, recordEventUpdate } from '../workflows/caseDefinitions';
import { eventually } from './apiHarness';
import { untilCasesAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { testDataConverter } from './codecKeys';
import { workflowBundle } from './temporalEnv';
import { expectEachMessageOnce, idempotencyKeyOf, startPlazoWorker } from './temporalServerHarness';

const run = promisify(execFile);
const HOUR = 3600_000;
const TASK_QUEUE = 'backup-restore';
const PASSPHRASE = 'backup-restore-test-passphrase';
/** Cases whose reminders fall due after the backup; a case whose alarm went out before it. */
const PENDING = ['BKP-1', 'BKP-2'];
const SENT_BEFORE = 'BKP-3';
const CASES = [...PENDING, SENT_BEFORE];

/** One machine's worth: Postgres on a data directory, the Temporal server on it, a worker. */
interface Machine {
  pgDir: string;
  plazoUrl: string;
  db: Db;
  server?: TemporalServer;
  connection?: Connection;
  client?: Client;
  worker?: Service;
  postgres: Service;
}

let dir: string;
let mail: MailCatcher;
let bundlePath: string;
const machines: Machine[] = [];

async function startPostgres(pgDir: string): Promise<Machine> {
  const postgres = startService('dev/postgresProcess.ts', { PG_DIR: pgDir, PG_PORT: String(await freePort()), PG_MAX_CONNECTIONS: '200' });
  const m: Machine = { pgDir, postgres, plazoUrl: '', db: undefined as unknown as Db };
  machines.push(m);
  await postgres.waitForOutput(/postgres ready \S+/, 180_000);
  const adminUrl = /postgres ready (\S+)/.exec(postgres.output())![1]!;
  m.plazoUrl = adminUrl.replace(/\/postgres$/, '/plazo');
  return m;
}

async function startTemporalAndWorker(m: Machine): Promise<void> {
  const adminUrl = m.plazoUrl.replace(/\/plazo$/, '/postgres');
  m.server = await startTemporalServer({ pg: pgServerOf(adminUrl), database: 'temporal' });
  m.connection = await Connection.connect({ address: m.server.address, tls: m.server.tls });
  m.client = new Client({ connection: m.connection, namespace: m.server.namespace, dataConverter: testDataConverter() });
  m.worker = startPlazoWorker({ databaseUrl: m.plazoUrl, server: m.server, smtpPort: mail.smtpPort, taskQueue: TASK_QUEUE, bundlePath });
  await m.worker.waitForOutput(/worker started/, 180_000);
}

/** Workers first, then the server, then Postgres: as a machine is shut down. */
async function stopMachine(m: Machine): Promise<void> {
  await m.worker?.stop();
  await m.connection?.close();
  await m.server?.stop();
  await m.db?.destroy();
  await m.postgres.stop();
}

const plazo = (args: string[], env: Record<string, string>) =>
  run(process.execPath, [resolve(__dirname, '../bin/plazo'), ...args], { env: { ...process.env, ...env }, cwd: resolve(__dirname, '..') }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

/** What Plazo's read model holds of the cases: their rows, deadlines and timelines. */
async function readModel(db: Db) {
  return {
    cases: await db.selectFrom('cases').selectAll().where('id', 'in', CASES).orderBy('id').execute(),
    deadlines: await db.selectFrom('case_deadlines').selectAll().where('case_id', 'in', CASES).orderBy('case_id').orderBy('deadline_id').execute(),
    timeline: await db.selectFrom('case_timeline').selectAll().where('case_id', 'in', CASES).orderBy('case_id').orderBy('seq').execute(),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plazo-backup-restore-'));
  chmodSync(dir, 0o755); // Postgres runs as its own user and must reach its data directory
  const [caught, bundle] = await Promise.all([startMailCatcher(), workflowBundle()]);
  mail = caught;
  bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
}, 300_000);

afterAll(async () => {
  for (const m of machines.reverse()) await stopMachine(m).catch((err: Error) => console.error(`teardown: ${err.message}`));
  await mail?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a backup taken while cases wait for reminders brings them all back on a new machine', async () => {
  // --- The first machine: Plazo's database beside Temporal's, in one cluster.
  const first = await startPostgres(join(dir, 'pg-first'));
  const pgAdmin = new PgClient({ connectionString: first.plazoUrl.replace(/\/plazo$/, '/postgres') });
  await pgAdmin.connect();
  await pgAdmin.query('create database plazo');
  await pgAdmin.end();
  first.db = createDb(first.plazoUrl, 5);
  await migrateToLatest(first.db);
  await first.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
  await startTemporalAndWorker(first);

  // A detention recorded late, so the 36-hour limit's "4 hours before" reminder (and the amparo alarm's next
  // repeat) falls due minutes from now, after the backup and the destruction; its earlier steps are past.
  const reminderAt = new Map<string, number>();
  const now = Date.now();
  for (const [i, caseId] of PENDING.entries()) {
    const at = now + 240_000 + i * 20_000;
    reminderAt.set(caseId, at);
    const handle = await startTestCase(first.client!, TASK_QUEUE, { caseId, child: { name: `B. R. ${i}` }, openedAt: new Date(now - 40 * HOUR).toISOString() });
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ type: 'detention_started', occurredAt: new Date(at - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
    });
  }
  // A detention starting now: its alarm goes out at once, before the backup; its next repeat is hours away.
  const sentCase = await startTestCase(first.client!, TASK_QUEUE, { caseId: SENT_BEFORE, child: { name: 'B. R. S.' }, openedAt: new Date(now).toISOString() });
  await sentCase.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: new Date(now).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
  await untilCasesAtRest(first.client!, CASES);
  const reminder4h = (caseId: string) => (m: CaughtMail) => idempotencyKeyOf(m).startsWith(`${caseId}/detention_36h/`) && /\/reminder-4h\//.test(idempotencyKeyOf(m));
  // What went out before the backup, in the ledger and caught (the catcher reads a message a moment after the send).
  await eventually(() => expectEachMessageOnce({ pg: { db: first.db }, mail }, CASES), 30_000);
  const sentBefore = (await first.db.selectFrom('notifications').select(['idempotency_key', 'case_id']).where('case_id', 'in', CASES).where('channel', '=', 'email').execute()).map((r) => r.idempotency_key);
  expect(sentBefore.filter((k) => k.startsWith(`${SENT_BEFORE}/`)).length).toBeGreaterThanOrEqual(3); // caseworker, supervisor, lawyer
  for (const caseId of PENDING) expect(mail.messages.filter(reminder4h(caseId))).toEqual([]);
  const modelAtBackup = await readModel(first.db);
  expect(modelAtBackup.cases).toHaveLength(CASES.length);

  // --- The backup, while the server and the worker run.
  const archive = join(dir, 'backup.age');
  const backup = await plazo(['backup', '--out', archive, '--json'], { DATABASE_URL: first.plazoUrl, PLAZO_BACKUP_PASSPHRASE: PASSPHRASE });
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
  const manifest = JSON.parse(backup.stdout) as { databases: string[]; consistentAt: string };
  expect(manifest.databases).toEqual(expect.arrayContaining(['plazo', 'temporal', 'temporal_visibility']));

  // A write after the backup is what a restore of it loses: --list-lost finds it in the old audit log.
  await recordAudit(first.db, { user_id: PEOPLE.caseworker.id, action: 'case.event', case_id: SENT_BEFORE, method: 'POST', path: `/api/cases/${SENT_BEFORE}/events`, status: 200, ip: null });
  const lost = await plazo(['restore', archive, '--list-lost', '--json'], { DATABASE_URL: first.plazoUrl, PLAZO_BACKUP_PASSPHRASE: PASSPHRASE });
  expect(lost.stderr).toBe('');
  const listed = JSON.parse(lost.stdout) as { since: string; lost: { action: string; caseId: string; path: string }[] };
  expect(listed.since).toBe(manifest.consistentAt);
  expect(listed.lost.map((w) => [w.action, w.caseId, w.path])).toEqual([['case.event', SENT_BEFORE, `/api/cases/${SENT_BEFORE}/events`]]);

  // --- Everything destroyed: the processes stopped, the data directory deleted.
  machines.splice(machines.indexOf(first), 1);
  await stopMachine(first);
  rmSync(first.pgDir, { recursive: true, force: true });
  // Nothing was due between the backup and the end (else it would rightly go out again: the RPO).
  expect(Date.now()).toBeLessThan(Math.min(...reminderAt.values()));

  // --- Restore into a new data directory. A wrong passphrase first: refused, nothing written.
  const restoredDir = join(dir, 'pg-restored');
  const wrong = await plazo(['restore', archive, '--data-dir', restoredDir], { PLAZO_BACKUP_PASSPHRASE: 'not-the-passphrase' });
  expect({ code: wrong.code, stderr: wrong.stderr.trim() }).toEqual({ code: 2, stderr: `error: PLAZO_BACKUP_PASSPHRASE: does not open ${archive}: a wrong passphrase, or not a Plazo backup; nothing was changed` });
  expect(existsSync(restoredDir)).toBe(false);
  const restored = await plazo(['restore', archive, '--data-dir', restoredDir], { PLAZO_BACKUP_PASSPHRASE: PASSPHRASE });
  expect(restored.stderr).toBe('');
  expect(restored.code).toBe(0);
  // Restoring over it again is refused, naming the flag.
  const again = await plazo(['restore', archive, '--data-dir', restoredDir], { PLAZO_BACKUP_PASSPHRASE: PASSPHRASE });
  expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('pass --overwrite') });

  // --- The new machine: new ports; the read model is the one backed up, before any worker runs.
  const second = await startPostgres(restoredDir);
  second.db = createDb(second.plazoUrl, 5);
  expect(await readModel(second.db)).toEqual(modelAtBackup);
  await startTemporalAndWorker(second);

  // Each pending reminder goes out (once, checked below against the restored ledger).
  for (const caseId of PENDING) {
    const people = await mail.waitFor(1, { match: reminder4h(caseId), timeoutMs: 420_000 });
    expect(people.length).toBeGreaterThan(0);
  }
  await untilCasesAtRest(second.client!, CASES);
  expect(Date.now()).toBeGreaterThanOrEqual(Math.min(...reminderAt.values()) - 1000);
  // Every message of the cases arrived once, and the restored ledger has each of them: none sent before
  // the backup went out again.
  await expectEachMessageOnce({ pg: { db: second.db }, mail }, CASES);
  for (const key of sentBefore) expect(mail.messages.filter((m) => idempotencyKeyOf(m) === key)).toHaveLength(1);

  // An event is recorded on the restored case, and the read model follows.
  const handle = second.client!.workflow.getHandle(caseWorkflowId(CASES[0]!));
  await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'detention_ended', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.caseworker.id, exit: 'released' }] });
  await eventually(async () => {
    const types = (await second.db.selectFrom('case_timeline').select('type').where('case_id', '=', CASES[0]!).execute()).map((r) => r.type);
    expect(types).toContain('detention_ended');
  }, 60_000);
  expect((await handle.describe()).status.name).toBe('RUNNING');
}, 1_200_000);
