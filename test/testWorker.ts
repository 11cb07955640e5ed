/**
 * A Plazo worker for tests: the pre-built workflow bundle, the test codec, and a mailer to a mail
 * catcher. Either runs while a test's function does (withTestWorker) or in the background (startTestWorker).
 */
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Db } from '../db/database';
import { createPlazoWorker } from '../worker/createWorker';
import { createMailer } from '../worker/mailer';
import { testWorkerDataConverter } from './codecKeys';
import { workflowBundle } from './temporalEnv';

export interface TestWorkerOptions {
  connection: NativeConnection;
  /** 'default' when unset (a test environment's namespace may be). */
  namespace?: string;
  taskQueue: string;
  db: Db;
  /** The mail catcher's SMTP port. */
  smtpPort: number;
  /** 0 on the time-skipping server when each test starts its own worker: see the callers. */
  maxCachedWorkflows?: number;
  /** Cases opened send their steps through the dispatcher across cases (PLAZO_STEP_DISPATCHER=on). */
  stepDispatcher?: boolean;
}

async function createTestWorker(opts: TestWorkerOptions) {
  const mailer = createMailer({ host: '127.0.0.1', port: opts.smtpPort, pooled: true });
  try {
    const worker: Worker = await createPlazoWorker({
      connection: opts.connection,
      namespace: opts.namespace ?? 'default',
      taskQueue: opts.taskQueue,
      dataConverter: testWorkerDataConverter(),
      workflowBundle: await workflowBundle(),
      db: opts.db,
      mailer,
      mailFrom: 'Plazo <plazo@test.local>',
      publicUrl: 'http://plazo.test',
      maxCachedWorkflows: opts.maxCachedWorkflows,
      stepDispatcher: opts.stepDispatcher,
      // A teardown ends: activities are cancelled at shutdown (and stop when they heed it); one that does
      // not is given up on after this, so a test file never waits out its hook's timeout on it.
      shutdownForceTime: '30 seconds',
    });
    return { worker, mailer };
  } catch (err) {
    mailer.close();
    throw err;
  }
}

/** Runs a worker until `fn` settles, then stops it. */
export async function withTestWorker<T>(opts: TestWorkerOptions, fn: () => Promise<T>): Promise<T> {
  const { worker, mailer } = await createTestWorker(opts);
  try {
    return await worker.runUntil(fn);
  } finally {
    mailer.close();
  }
}

export interface RunningTestWorker {
  worker: Worker;
  /** Shuts the worker down and waits until it has stopped. */
  stop(): Promise<void>;
}

/** Starts a worker polling in the background, for tests that outlive one function (harnesses, restarts). */
export async function startTestWorker(opts: TestWorkerOptions): Promise<RunningTestWorker> {
  const { worker, mailer } = await createTestWorker(opts);
  const running = worker.run();
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running.catch(() => undefined);
      mailer.close();
    },
  };
}
