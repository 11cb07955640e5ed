import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plazoDataConverter } from '../codec/dataConverter';
import { newCodecKeysValue, parseCodecKeys } from '../codec/keys';
import { createDb, migrateToLatest, type Db } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPg } from '../db/embeddedPostgres';
import { freePort } from '../dev/freePort';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { productionWorkerCommand, startService, type Service } from '../dev/processes';
import { temporalCli } from '../dev/temporalBinaries';
import { devServerDynamicConfigArgs } from '../dev/temporalDynamicConfig';
import { pgServerOf, startTemporalServer } from '../dev/temporalServer';

export const TASK_QUEUE = 'plazo-bench';

const root = resolve(__dirname, '..');

/** The organization the bench cases belong to (the workflow looks recipients up in `users`). */
export const BENCH_PEOPLE = {
  caseworker: { id: 'bench-cw', name: 'Ana', email: 'ana@bench.test', role: 'caseworker', language: 'es' },
  supervisor: { id: 'bench-sup', name: 'Beto', email: 'beto@bench.test', role: 'supervisor', language: 'en' },
  lawyer: { id: 'bench-law', name: 'Carla', email: 'carla@bench.test', role: 'lawyer', language: 'es' },
  director: { id: 'bench-dir', name: 'Dora', email: 'dora@bench.test', role: 'director', language: 'en' },
} as const;

export interface Infra {
  pgUrl: string;
  db: Db;
  /** The Temporal client and the server's address (the dev server, or the real one on Postgres). */
  env: { client: Client; address: string };
  temporal: 'dev' | 'server';
  mail: MailCatcher;
  /** The first worker; `workers` has them all. */
  worker: Service;
  workers: Service[];
  /** The worker's process: startService runs the entry in one node process (tsx as a loader for sources). */
  workerPid: number;
  workerEntry: string;
  workerNodeFlags: string[];
  /** What the worker logged at start: its bundle, cache size, concurrency. */
  workerSettings: Record<string, unknown>;
  teardown(): Promise<void>;
}

export interface WorkerChoice {
  /** `build`: `npm run build`, then the command of package.json's start:worker; `source`: worker/main.ts through tsx. */
  worker: 'build' | 'source';
  /** Over the production defaults (config/env.ts), e.g. PLAZO_MAX_CACHED_WORKFLOWS. */
  env: Record<string, string>;
  /** Replaces start:worker's node flags. */
  nodeOptions?: string;
  /** `dev`: `temporal server start-dev` (SQLite); `server`: the real server on the bench's Postgres (dev/temporalServer.ts). */
  temporal: 'dev' | 'server';
  /** Worker processes on the task queue. */
  workers: number;
  /** The real server's settings other than the repo's (`npm run bench:memory`): its dynamic config file, its environment. */
  temporalServer?: { dynamicConfigPath?: string; env?: Record<string, string> };
}

/** Postgres, Temporal (dev or real server), SMTP catcher and the real worker processes, all on 127.0.0.1. Tears down what started if a later part fails. */
export async function startInfra(log: (s: string) => void, choice: WorkerChoice): Promise<Infra> {
  const undo: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    for (const u of undo.reverse()) await u().catch((err: Error) => log(`teardown: ${err.message}`));
  };
  try {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // already installed
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'plazo-bench-pg-'));
    undo.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // 200 connections: the real Temporal server's pools share this Postgres with Plazo's.
    const pg: EmbeddedPg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, maxConnections: 200 });
    undo.push(() => pg.stop());
    const pgUrl = await pg.createDatabase('plazo_bench');
    const db = createDb(pgUrl, 10);
    undo.push(() => db.destroy());
    await migrateToLatest(db);
    await db.insertInto('users').values(Object.values(BENCH_PEOPLE).map((p) => ({ ...p }))).execute();
    log(`postgres ready (${pgUrl.replace(/:[^:@]*@/, ':***@')})`);

    const mail = await startMailCatcher();
    undo.push(() => mail.stop());
    log(`smtp catcher on 127.0.0.1:${mail.smtpPort}`);

    // Payloads are encrypted like in production (codec/): a fresh key for this run, shared by client and worker.
    const codecKeys = newCodecKeysValue('bench');
    const dataConverter = plazoDataConverter(parseCodecKeys(codecKeys));
    let env: { client: Client; address: string; clientEnv?: Record<string, string> };
    if (choice.temporal === 'server') {
      const server = await startTemporalServer({ pg: pgServerOf(pg.adminUrl), database: 'temporal', ...choice.temporalServer });
      undo.push(() => server.stop());
      const connection = await Connection.connect({ address: server.address, tls: server.tls });
      undo.push(() => connection.close());
      env = { client: new Client({ connection, namespace: server.namespace, dataConverter }), address: server.address, clientEnv: server.clientEnv };
      log(`temporal server (v1.29.1 on Postgres) at ${server.address}`);
    } else {
      const dev = await TestWorkflowEnvironment.createLocal({ server: { executable: temporalCli(), ip: '127.0.0.1', extraArgs: devServerDynamicConfigArgs() }, client: { dataConverter } });
      undo.push(() => dev.teardown());
      env = dev;
      log(`temporal dev server at ${dev.address}`);
    }

    let entry = 'worker/main.ts';
    let nodeFlags: string[] = [];
    let buildEnv: Record<string, string> = {};
    if (choice.worker === 'build') {
      log('npm run build (tsc + workflow bundle)…');
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
      const start = productionWorkerCommand();
      entry = start.entry;
      nodeFlags = start.nodeFlags;
      buildEnv = start.env;
    }
    if (choice.nodeOptions !== undefined) nodeFlags = choice.nodeOptions.split(/\s+/).filter(Boolean);
    const workers = Array.from({ length: choice.workers }, () =>
      startService(
        entry,
        {
          ...buildEnv,
          ...choice.env,
          DATABASE_URL: pgUrl,
          TEMPORAL_ADDRESS: env.address,
          ...env.clientEnv,
          TEMPORAL_TASK_QUEUE: TASK_QUEUE,
          SMTP_HOST: '127.0.0.1',
          SMTP_PORT: String(mail.smtpPort),
          PLAZO_CODEC_KEYS: codecKeys,
          LOG_LEVEL: 'info', // the worker logs only start and stop at info; activities log nothing
        },
        nodeFlags,
      ),
    );
    undo.push(() => Promise.all(workers.map((w) => w.stop())));
    await Promise.all(workers.map((w) => w.waitForOutput(/worker started/, 180_000)));
    const worker = workers[0]!;
    const workerPid = worker.proc.pid!;
    log(`${workers.length} × ${entry} running (pids ${workers.map((w) => w.proc.pid).join(', ')}, node flags ${nodeFlags.join(' ') || 'none'})`);
    const started = /(\{[^\n]*"worker started"[^\n]*\})/.exec(worker.output())?.[1];
    return { pgUrl, db, env, temporal: choice.temporal, mail, worker, workers, workerPid, workerEntry: entry, workerNodeFlags: nodeFlags, workerSettings: started ? (JSON.parse(started) as Record<string, unknown>) : {}, teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}
