import { DefaultLogger, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import { plazoDataConverter } from '../codec/dataConverter';
import { loadEnv, requireCodecKeys, requireDatabaseUrl } from '../config/env';
import { createActivities } from '../activities';
import { createDb } from '../db/database';
import { createMailer } from '../worker/mailer';
import { connectWorker } from '../worker/temporalConnection';

/**
 * The bench's own worker entry: worker/main.ts with Worker.create options the production entry does not
 * expose (worker/ is not the bench's to edit). Same activities, data converter and mailer; it adds
 * BENCH_WORKER_OPTIONS (JSON: maxCachedWorkflows, maxConcurrentWorkflowTaskExecutions,
 * maxConcurrentActivityTaskExecutions, …) and BENCH_WORKFLOW_BUNDLE (a workflow bundle built beforehand,
 * so the worker does not run webpack at start). Run as a separate process so its RSS is its own.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const codecKeys = requireCodecKeys(env);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const db = createDb(requireDatabaseUrl(env), Number(process.env.BENCH_DB_POOL ?? 10));
  const connection = await connectWorker(env.TEMPORAL_ADDRESS);
  const mailer = createMailer({ host: env.SMTP_HOST, port: env.SMTP_PORT });
  const extra = JSON.parse(process.env.BENCH_WORKER_OPTIONS || '{}') as Partial<WorkerOptions>;
  const bundlePath = process.env.BENCH_WORKFLOW_BUNDLE;
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    dataConverter: plazoDataConverter(codecKeys),
    ...(bundlePath ? { workflowBundle: { codePath: bundlePath } } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ db, mailer, mailFrom: env.MAIL_FROM, publicUrl: env.PUBLIC_URL }),
    ...extra,
  });
  process.stdout.write(`worker started (bench tuned: ${JSON.stringify(extra)}${bundlePath ? ', prebuilt bundle' : ''})\n`);
  try {
    await worker.run();
  } finally {
    mailer.close();
    await connection.close();
    await db.destroy();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`bench worker: ${err.message}\n`);
  process.exit(1);
});
