import { Runtime, DefaultLogger } from '@temporalio/worker';
import { collectDefaultMetrics } from 'prom-client';
import { plazoWorkerDataConverter } from '../codec/dataConverter';
import { existsSync } from 'node:fs';
import { ConfigError, loadEnv, requireCodecKeys, requireDatabaseUrl, temporalTls, temporalTlsMode } from '../config/env';
import { checkDatabase, createDb, migrateToLatest, redactUrl } from '../db/database';
import { createPlazoWorker } from './createWorker';
import { createLogger } from '../config/logger';
import { createMailer } from './mailer';
import { connectWorker } from './temporalConnection';
import { workerRegistry } from '../metrics/deliveryMetrics';
import { registerLedgerGauges } from '../metrics/ledgerGauges';
import { registerDatabaseGauges } from '../metrics/databaseGauges';
import { localUrl, serveMetrics } from '../metrics/metricsServer';

/** The worker process: polls `plazo-cases`, stops cleanly on SIGINT/SIGTERM (the SDK drains running tasks). */
async function main(): Promise<void> {
  const env = loadEnv();
  const codecKeys = requireCodecKeys(env);
  const tls = temporalTls(env);
  const workflowBundle = env.PLAZO_WORKFLOW_BUNDLE ? { codePath: requireFile(env.PLAZO_WORKFLOW_BUNDLE) } : undefined;
  const log = createLogger('plazo-worker', env.LOG_LEVEL);
  Runtime.install({
    logger: new DefaultLogger(env.LOG_LEVEL === 'silent' ? 'ERROR' : 'WARN', (entry) => log.warn({ sdk: entry.meta }, entry.message)),
    // The SDK's own metrics (pollers, workflow task failures, sticky cache size…), Prometheus-named.
    ...(env.PLAZO_TEMPORAL_METRICS_PORT !== undefined
      ? {
          telemetryOptions: {
            metrics: {
              prometheus: { bindAddress: `${env.PLAZO_METRICS_HOST}:${env.PLAZO_TEMPORAL_METRICS_PORT}`, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true },
            },
          },
        }
      : {}),
  });
  const databaseUrl = requireDatabaseUrl(env);
  await checkDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  const applied = await migrateToLatest(db);
  log.info({ database: redactUrl(databaseUrl), applied }, 'database ready');
  registerLedgerGauges(workerRegistry, db);
  registerDatabaseGauges(workerRegistry, db);
  collectDefaultMetrics({ register: workerRegistry }); // the process: memory, CPU, event-loop lag, GC
  const metrics =
    env.PLAZO_METRICS_PORT !== undefined
      ? await serveMetrics({
          registry: workerRegistry,
          host: env.PLAZO_METRICS_HOST,
          port: env.PLAZO_METRICS_PORT,
          ...(env.PLAZO_TEMPORAL_METRICS_PORT !== undefined ? { upstream: localUrl(env.PLAZO_METRICS_HOST, env.PLAZO_TEMPORAL_METRICS_PORT) } : {}),
        })
      : undefined;
  const connection = await connectWorker(env.TEMPORAL_ADDRESS, tls);
  const mailer = createMailer({ host: env.SMTP_HOST, port: env.SMTP_PORT, user: env.SMTP_USER, password: env.SMTP_PASSWORD, pooled: true, connections: env.SMTP_MAX_CONNECTIONS });
  const worker = await createPlazoWorker({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    dataConverter: plazoWorkerDataConverter(codecKeys),
    db,
    mailer,
    mailFrom: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL,
    ...(workflowBundle ? { workflowBundle } : {}),
    maxCachedWorkflows: env.PLAZO_MAX_CACHED_WORKFLOWS,
    maxConcurrentActivityTaskExecutions: env.PLAZO_MAX_CONCURRENT_ACTIVITIES,
    stepDispatcher: env.PLAZO_STEP_DISPATCHER === 'on',
  });
  log.info(
    {
      temporal: env.TEMPORAL_ADDRESS,
      temporalTls: temporalTlsMode(tls),
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      workflowBundle: env.PLAZO_WORKFLOW_BUNDLE ?? 'built at start',
      maxCachedWorkflows: env.PLAZO_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivities: env.PLAZO_MAX_CONCURRENT_ACTIVITIES,
      smtpConnections: env.SMTP_MAX_CONNECTIONS,
      stepDispatcher: env.PLAZO_STEP_DISPATCHER,
      metrics: metrics ? localUrl(env.PLAZO_METRICS_HOST, metrics.port) : 'off (PLAZO_METRICS_PORT unset)',
    },
    'worker started',
  );
  try {
    await worker.run();
  } finally {
    await metrics?.close();
    mailer.close();
    await connection.close();
    await db.destroy();
    log.info('worker stopped');
  }
}

function requireFile(path: string): string {
  if (!existsSync(path)) throw new ConfigError(`environment variable PLAZO_WORKFLOW_BUNDLE: no file at ${path} (run npm run build, or unset it to bundle at start)`);
  return path;
}

main().catch((err: Error) => {
  process.stderr.write(`plazo-worker: ${err.message}\n`);
  process.exit(1);
});
