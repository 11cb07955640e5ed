import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plazoDataConverter } from '../codec/dataConverter';
import { newCodecKeysValue, parseCodecKeys } from '../codec/keys';
import { createDb, migrateToLatest, type Db } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPg } from '../db/embeddedPostgres';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
import { temporalCli } from '../dev/temporalBinaries';
import { workerNodePid } from './processes';

export const TASK_QUEUE = 'plazo-bench';

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };

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
  env: TestWorkflowEnvironment;
  mail: MailCatcher;
  worker: Service;
  /** The node process running worker/main.ts (not the tsx wrapper). */
  workerPid: number;
  workerEntry: string;
  teardown(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Postgres, Temporal dev server, SMTP catcher and the real worker process, all on 127.0.0.1. Tears down what started if a later part fails. */
export interface WorkerChoice {
  /** undefined: the production entry worker/main.ts, untouched. Otherwise bench/tunedWorker.ts with these options. */
  options?: Record<string, unknown>;
  prebundle?: boolean;
  nodeOptions?: string;
}

export async function startInfra(log: (s: string) => void, choice: WorkerChoice = {}): Promise<Infra> {
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
    const pg: EmbeddedPg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
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
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: temporalCli(), ip: '127.0.0.1' },
      client: { dataConverter: plazoDataConverter(parseCodecKeys(codecKeys)) },
    });
    undo.push(() => env.teardown());
    log(`temporal dev server at ${env.address}`);

    const tuned = choice.options !== undefined || choice.prebundle;
    const entry = tuned ? 'bench/tunedWorker.ts' : 'worker/main.ts';
    let bundleEnv: Record<string, string> = {};
    if (choice.prebundle) {
      const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger });
      const codePath = join(dataDir, '..', `plazo-bench-workflows-${process.pid}.js`);
      writeFileSync(codePath, bundle.code);
      undo.push(async () => rmSync(codePath, { force: true }));
      bundleEnv = { BENCH_WORKFLOW_BUNDLE: codePath };
    }
    const worker = startService(entry, {
      ...bundleEnv,
      ...(choice.nodeOptions ? { NODE_OPTIONS: choice.nodeOptions } : {}),
      BENCH_WORKER_OPTIONS: JSON.stringify(choice.options ?? {}),
      DATABASE_URL: pgUrl,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.smtpPort),
      PLAZO_CODEC_KEYS: codecKeys,
      LOG_LEVEL: 'info', // the worker logs only start and stop at info; activities log nothing
    });
    undo.push(() => worker.stop());
    await worker.waitForOutput(/worker started/, 180_000);
    const workerPid = workerNodePid(worker.proc.pid!, entry);
    log(`${entry} running (wrapper pid ${worker.proc.pid}, node pid ${workerPid})`);
    return { pgUrl, db, env, mail, worker, workerPid, workerEntry: entry, teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}
