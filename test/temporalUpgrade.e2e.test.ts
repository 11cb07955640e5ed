/**
 * The upgrade of docs/production.md ("Upgrading") with cases open, on the real server: Temporal from the
 * version in use to the next minor's newest patch (scripts/setup.sh builds both), then Plazo's workers
 * rolled one by one. Reminders fall due before it, while the schema is updated under the old server, while
 * no server runs, while the workers are rolled, and after it: each arrives, to the same people, once.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { failureConverterPath } from '../codec/dataConverter';
import type { CaughtMail } from '../dev/mailCatcher';
import { startService } from '../dev/processes';
import { temporalServerBinaries, temporalServerVersions } from '../dev/temporalBinaries';
import { upgradeTemporalSchema } from '../dev/temporalServer';
import { caseWorkflowId, recordEventUpdate } from '../workflows/caseDefinitions';
import type { caseWorkflow } from '../workflows/caseWorkflow';
import { untilCasesAtRest } from './atRest';
import { PEOPLE, startTestCase } from './caseHarness';
import { quietLogger } from './temporalEnv';
import { expectEachMessageOnce, idempotencyKeyOf, startProductionShape, type ProductionShape } from './temporalServerHarness';

const HOUR = 3600_000;
// The people each reminder goes to are this pack's (pinned, as the other infrastructure tests pin it).
const PACK = 'mx-2027.1';
const { current, next } = temporalServerVersions();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sleepUntil = (at: number) => sleep(Math.max(0, at - Date.now()));
let shape: ProductionShape;

beforeAll(async () => {
  shape = await startProductionShape({ taskQueue: 'upgrade', serverBinaries: temporalServerBinaries(current) });
  await Promise.all([shape.startWorker(), shape.startWorker()]);
}, 600_000);

afterAll(async () => {
  await shape?.teardown();
});

const handle = (caseId: string) => shape.client.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseId));
const reminder4h = (caseId: string) => (m: CaughtMail) => idempotencyKeyOf(m).startsWith(`${caseId}/`) && /\/detention_36h\/.*\/reminder-4h\//.test(idempotencyKeyOf(m));

/** Records the case's detention so that its 36-hour limit's "4 hours before" reminder falls at `at`. */
async function reminderAt(caseId: string, at: number): Promise<number> {
  await handle(caseId).executeUpdate(recordEventUpdate, { args: [{ type: 'detention_started', occurredAt: new Date(at - 32 * HOUR).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }] });
  return at;
}

async function serverVersion(): Promise<string> {
  return (await shape.client.connection.workflowService.getSystemInfo({})).serverVersion ?? '';
}

/** The schema version each of Temporal's databases records (temporal-sql-tool writes it). */
async function schemaVersions(): Promise<Record<'temporal' | 'visibility', string>> {
  const read = async (database: string) => {
    const pg = new PgClient({ ...shape.temporalPg, database });
    await pg.connect();
    try {
      return String((await pg.query('select curr_version from schema_version')).rows[0]?.curr_version);
    } finally {
      await pg.end();
    }
  };
  return { temporal: await read('temporal'), visibility: await read('temporal_visibility') };
}

/** The newest versioned dir of a schema in a build: what update-schema brings the database to. */
function newestSchema(schemaDir: string, schema: 'temporal' | 'visibility'): string {
  const versions = readdirSync(join(schemaDir, 'postgresql', 'v12', schema, 'versioned')).map((d) => d.replace(/^v/, ''));
  return versions.sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).at(-1)!;
}

test('the Temporal server upgraded and the workers rolled with cases open: every reminder, before, during and after, arrives once', async () => {
  const ids = { before: 'UP-BEFORE', schema: 'UP-SCHEMA', serverDown: 'UP-SERVER-DOWN', roll: 'UP-ROLL', after: 'UP-AFTER' };
  const all = Object.values(ids);
  const opened = new Date(Date.now() - 40 * HOUR).toISOString();
  // Every case opens on the old server, under the old workers.
  for (const caseId of all) await startTestCase(shape.client, shape.taskQueue, { caseId, openedAt: opened }, { rulePack: PACK, searchAttributes: true });
  expect(await serverVersion()).toBe(current.replace(/^v/, ''));
  const nextBuild = temporalServerBinaries(next);
  expect(await schemaVersions()).not.toEqual({ temporal: newestSchema(nextBuild.schemaDir, 'temporal'), visibility: newestSchema(nextBuild.schemaDir, 'visibility') });

  // Before: on the old server, by the old workers.
  await reminderAt(ids.before, Date.now() + 10_000);
  await shape.mail.waitFor(1, { match: reminder4h(ids.before), timeoutMs: 120_000 });

  // 1. The schema, by the new version's temporal-sql-tool from its versioned dirs, while the old server runs
  //    on: a reminder falling due meanwhile is fired by the old server on the new schema.
  const schemaAt = await reminderAt(ids.schema, Date.now() + 8_000);
  await upgradeTemporalSchema(shape.temporalPg, 'temporal', nextBuild);
  expect(await schemaVersions()).toEqual({ temporal: newestSchema(nextBuild.schemaDir, 'temporal'), visibility: newestSchema(nextBuild.schemaDir, 'visibility') });
  await sleepUntil(schemaAt);
  await shape.mail.waitFor(1, { match: reminder4h(ids.schema), timeoutMs: 120_000 });
  expect(await serverVersion()).toBe(current.replace(/^v/, ''));

  // 2. The server: the old one stopped, the new one started on the same Postgres. One reminder falls due
  //    while no server runs; another, set now on the old server, only well after the upgrade.
  const serverDownAt = await reminderAt(ids.serverDown, Date.now() + 20_000);
  const afterAt = await reminderAt(ids.after, Date.now() + 240_000);
  let stoppedAt = 0;
  await shape.server.roll(nextBuild, {
    whileStopped: async () => {
      stoppedAt = Date.now();
      await sleepUntil(serverDownAt + 5_000);
    },
  });
  const serverBackAt = Date.now();
  expect(stoppedAt).toBeLessThan(serverDownAt); // it fell due while no server ran
  expect(await serverVersion()).toBe(next.replace(/^v/, ''));
  await shape.mail.waitFor(1, { match: reminder4h(ids.serverDown), timeoutMs: 120_000 });

  // 3. Plazo: the new release's bundle replays every running workflow's history (written by the old
  //    workers on the old server) before any new worker takes a task...
  const check = startService('worker/replayCheck.ts', shape.workerEnv());
  expect(await check.exited()).toBe(0);
  expect(check.output()).toMatch(new RegExp(`^${all.length} of ${all.length} running workflows replay`, 'm'));

  // ...then each worker rolled: a new one started (it applies pending migrations), polling, then an old one
  // stopped (it drains). A reminder falls due while old and new poll side by side.
  const old = [...shape.workers];
  let rollAt = 0;
  for (const [i, w] of old.entries()) {
    const fresh = await shape.startWorker();
    expect(fresh.output()).toMatch(/database ready/);
    if (i === 0) {
      rollAt = await reminderAt(ids.roll, Date.now() + 5_000);
      await sleepUntil(rollAt + 3_000);
    }
    expect(await w.stop()).toBe(0); // drained and exited cleanly
  }
  const rolledAt = Date.now();
  expect(shape.workers.filter((w) => w.proc.exitCode === null)).toHaveLength(old.length);
  expect(rolledAt).toBeLessThan(afterAt); // the last reminder is still ahead: it fires after the upgrade

  // After: the reminder set on the old server fires on the new one, by the new workers.
  await shape.mail.waitFor(1, { match: reminder4h(ids.after), timeoutMs: afterAt - Date.now() + 120_000 });
  await untilCasesAtRest(shape.client, all); // every send done: a duplicate would be in by now

  // 0 lost: each case's reminder reached the same people as the one before the upgrade, at or after its instant.
  const reminders = (caseId: string) => shape.mail.messages.filter(reminder4h(caseId));
  const recipients = (caseId: string) => reminders(caseId).map((m) => m.to[0]).sort();
  expect(recipients(ids.before).length).toBeGreaterThan(0);
  for (const caseId of all) expect({ caseId, to: recipients(caseId) }).toEqual({ caseId, to: recipients(ids.before) });
  const firstArrival = (caseId: string) => Math.min(...reminders(caseId).map((m) => m.receivedAt.getTime()));
  expect(firstArrival(ids.serverDown)).toBeGreaterThanOrEqual(serverBackAt - 1000);
  expect(firstArrival(ids.roll)).toBeGreaterThanOrEqual(rollAt - 1000);
  expect(firstArrival(ids.after)).toBeGreaterThanOrEqual(afterAt - 1000);
  // 0 duplicated: the ledger has every message sent, and the mail catcher each idempotency key once.
  await expectEachMessageOnce(shape, all);

  // The replay check refuses a release whose case workflow changed without patched(), naming each running case.
  const release = mkdtempSync(join(tmpdir(), 'plazo-changed-release-'));
  const changed = join(release, 'workflow-bundle.js');
  writeFileSync(changed, (await bundleWorkflowCode({ workflowsPath: require.resolve('./changedCaseWorkflow'), failureConverterPath, logger: quietLogger })).code);
  const refused = startService('worker/replayCheck.ts', { ...shape.workerEnv(), PLAZO_WORKFLOW_BUNDLE: changed });
  expect(await refused.exited()).toBe(1);
  rmSync(release, { recursive: true, force: true });
  expect(refused.output()).toMatch(new RegExp(`^0 of ${all.length} running workflows replay`, 'm'));
  for (const caseId of all) expect(refused.output()).toContain(`does not replay: ${caseWorkflowId(caseId)}: `);

  // Events are recorded after: each case closes on the new server and workers.
  for (const caseId of all) {
    await handle(caseId).executeUpdate(recordEventUpdate, { args: [{ type: 'case_closed', occurredAt: new Date().toISOString(), recordedBy: PEOPLE.supervisor.id, reason: 'reunified' }] });
    expect((await handle(caseId).result()).closed?.reason).toBe('reunified');
  }
}, 900_000);
