/**
 * The production shape for a test file: its own Postgres (max_connections 200), the real Temporal server
 * on it (dev/temporalServer.ts, as `make prod-local` starts it), a mail catcher, the run's Postgres for
 * Plazo's own database, and worker processes started on demand, each loading one prebuilt workflow bundle
 * (webpack once per file, not once per worker). One per test file: the server takes seconds to start.
 */
import { Client, Connection } from '@temporalio/client';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/database';
import { freePort } from '../dev/freePort';
import { startMailCatcher, type CaughtMail, type MailCatcher, type MailCatcherOptions } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
import type { TemporalServerBinaries } from '../dev/temporalBinaries';
import { pgServerOf, startTemporalServer, type PgServer, type TemporalServer } from '../dev/temporalServer';
import { PEOPLE } from './caseHarness';
import { TEST_CODEC_KEYS, testDataConverter } from './codecKeys';
import { workflowBundle } from './temporalEnv';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export interface ProductionShape {
  server: TemporalServer;
  /** The Postgres server Temporal's databases (`temporal`, `temporal_visibility`) are on. */
  temporalPg: PgServer;
  client: Client;
  mail: MailCatcher;
  pg: TestDatabase;
  taskQueue: string;
  workers: Service[];
  /** A worker process (worker/main.ts) on the task queue; resolves once it polls. */
  startWorker(): Promise<Service>;
  /** What a worker process is given (the variables docs/production.md lists), for other entry points. */
  workerEnv(): Record<string, string>;
  teardown(): Promise<void>;
}

export async function startProductionShape(opts: { taskQueue: string; split?: boolean; mail?: MailCatcherOptions; serverBinaries?: TemporalServerBinaries }): Promise<ProductionShape> {
  const dir = mkdtempSync(join(tmpdir(), 'plazo-prod-shape-'));
  chmodSync(dir, 0o755); // Postgres runs as its own user (db/embeddedPostgres.ts) and must reach its data directory

  const undo: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const teardown = async () => {
    for (const u of undo.reverse()) await u().catch((err: Error) => console.error(`teardown: ${err.message}`));
  };
  try {
    const postgres = startService('dev/postgresProcess.ts', { PG_DIR: join(dir, 'pg'), PG_PORT: String(await freePort()), PG_MAX_CONNECTIONS: '200' });
    undo.push(() => postgres.stop());
    // Started together; whatever started is undone even if another part failed.
    const started = await Promise.allSettled([postgres.waitForOutput(/postgres ready \S+/, 120_000), startMailCatcher(opts.mail), createTestDatabase(), workflowBundle()] as const);
    const [, mailR, pgR, bundleR] = started;
    if (mailR.status === 'fulfilled') undo.push(() => mailR.value.stop());
    if (pgR.status === 'fulfilled') undo.push(() => pgR.value.drop());
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    const value = <T>(r: PromiseSettledResult<T>) => (r as PromiseFulfilledResult<T>).value; // all fulfilled by now
    const [mail, pg, bundle] = [value(mailR), value(pgR), value(bundleR)];
    await pg.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
    const bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);

    const adminUrl = /postgres ready (\S+)/.exec(postgres.output())![1]!;
    const temporalPg = pgServerOf(adminUrl);
    const server = await startTemporalServer({ pg: temporalPg, database: 'temporal', split: opts.split, binaries: opts.serverBinaries });
    undo.push(() => server.stop());
    const connection = await Connection.connect({ address: server.address, tls: server.tls });
    undo.push(() => connection.close());
    const client = new Client({ connection, namespace: server.namespace, dataConverter: testDataConverter() });

    const workers: Service[] = [];
    undo.push(() => Promise.all(workers.map((w) => w.stop())));
    const workerEnv = () => plazoWorkerEnv({ databaseUrl: pg.url, server, smtpPort: mail.smtpPort, taskQueue: opts.taskQueue, bundlePath });
    const shape: ProductionShape = {
      server,
      temporalPg,
      client,
      mail,
      pg,
      taskQueue: opts.taskQueue,
      workers,
      workerEnv,
      async startWorker() {
        const w = startService('worker/main.ts', workerEnv());
        workers.push(w);
        await w.waitForOutput(/worker started/, 180_000);
        return w;
      },
      teardown,
    };
    return shape;
  } catch (err) {
    await teardown();
    throw err;
  }
}

type WorkerTarget = { databaseUrl: string; server: TemporalServer; smtpPort: number; taskQueue: string; bundlePath: string };

/** What a worker process of the production shape is given (the variables docs/production.md lists). */
export function plazoWorkerEnv(o: WorkerTarget): Record<string, string> {
  return {
    DATABASE_URL: o.databaseUrl,
    TEMPORAL_ADDRESS: o.server.address,
    ...o.server.clientEnv,
    TEMPORAL_NAMESPACE: o.server.namespace,
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(o.smtpPort),
    PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
    PLAZO_WORKFLOW_BUNDLE: o.bundlePath,
    LOG_LEVEL: 'info',
  };
}

/** A worker process (worker/main.ts) of the production shape, on the real server with mTLS; wait for /worker started/. */
export function startPlazoWorker(o: WorkerTarget): Service {
  return startService('worker/main.ts', plazoWorkerEnv(o));
}

export const idempotencyKeyOf = (m: CaughtMail) => m.headers['x-plazo-idempotency-key'] ?? '';

/** Every e-mail the Postgres ledger says was sent for these cases arrived, and none twice. */
export async function expectEachMessageOnce(shape: { pg: { db: Db }; mail: MailCatcher }, caseIds: string[]): Promise<void> {
  const ledger = await shape.pg.db.selectFrom('notifications').select(['idempotency_key', 'status']).where('case_id', 'in', caseIds).where('channel', '=', 'email').execute();
  const mails = shape.mail.messages.filter((m) => caseIds.includes(idempotencyKeyOf(m).split('/')[0]!));
  expect(ledger.filter((r) => r.status !== 'sent')).toEqual([]);
  expect(new Set(mails.map(idempotencyKeyOf)).size).toBe(mails.length);
  expect(mails.map(idempotencyKeyOf).sort()).toEqual(ledger.map((r) => r.idempotency_key).sort());
}
