import { AesGcmCodec } from '../../codec/aesGcmCodec';
import { failureConverterPath } from '../../codec/dataConverter';
import { loadEnv, oidcSettings, requireCodecKeys, requireDatabaseUrl, temporalTls, temporalTlsMode } from '../../config/env';
import { createMailer } from '../../config/mailer';
import { checkDatabase, createDb, createProbeDb, migrateToLatest, redactUrl } from '../../db/database';
import { createLogger } from '../../config/logger';
import { connectClient } from '../temporalClient';
import { ensureDailyDigest, ensureEngineReconciler, ensureRetention, ensureStepDispatcher } from './dailyDigestStart';
import { buildServer } from './server';
import { startFiguresThread } from '../../app/program/figuresThread';
import { serveMetrics } from '../../metrics/metricsServer';
import { collectDefaultMetrics } from 'prom-client';

/** The API process: HTTP on API_HOST:API_PORT, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const env = loadEnv();
  const codec = new AesGcmCodec(requireCodecKeys(env));
  const oidc = oidcSettings(env);
  const tls = temporalTls(env);
  const logger = createLogger('plazo-api', env.LOG_LEVEL);
  const databaseUrl = requireDatabaseUrl(env);
  await checkDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  const healthDb = createProbeDb(databaseUrl);
  const figuresThread = startFiguresThread(databaseUrl);
  // The same conversion as plazoDataConverter (one codec instance, shared with the /codec endpoint).
  const temporal = await connectClient(env.TEMPORAL_ADDRESS, env.TEMPORAL_NAMESPACE, { payloadCodecs: [codec], failureConverterPath }, tls);
  const app = buildServer({
    db,
    healthDb,
    figuresThread,
    temporal,
    codec,
    logger,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    namespace: env.TEMPORAL_NAMESPACE,
    temporalUiUrl: env.TEMPORAL_UI_URL,
    publicUrl: env.PUBLIC_URL,
    authFailuresPerMinute: env.PLAZO_AUTH_FAILURES_PER_MINUTE,
    trustProxy: env.PLAZO_TRUST_PROXY,
    mailer: createMailer({ host: env.SMTP_HOST, port: env.SMTP_PORT, user: env.SMTP_USER, password: env.SMTP_PASSWORD }),
    mailFrom: env.MAIL_FROM,
    oidc,
  });
  // The figures thread warm before the first dashboard (a few seconds at most: a failure there does not wait).
  await Promise.race([figuresThread.ready, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
  await app.listen({ host: env.API_HOST, port: env.API_PORT });
  collectDefaultMetrics({ register: app.plazoMetrics }); // the process: memory, CPU, event-loop lag, GC
  const metrics = env.PLAZO_METRICS_PORT !== undefined ? await serveMetrics({ registry: app.plazoMetrics, host: env.PLAZO_METRICS_HOST, port: env.PLAZO_METRICS_PORT }) : undefined;
  await ensureDailyDigest(temporal, env.TEMPORAL_TASK_QUEUE, logger);
  await ensureEngineReconciler(temporal, env.TEMPORAL_TASK_QUEUE, logger);
  await ensureRetention(temporal, env.TEMPORAL_TASK_QUEUE, logger);
  if (env.PLAZO_STEP_DISPATCHER === 'on') await ensureStepDispatcher(temporal, env.TEMPORAL_TASK_QUEUE, logger);
  logger.info({ database: redactUrl(databaseUrl), temporal: env.TEMPORAL_ADDRESS, temporalTls: temporalTlsMode(tls) }, 'api started');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    await app.close();
    await metrics?.close();
    await temporal.connection.close();
    await figuresThread.close();
    await db.destroy();
    await healthDb.destroy();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: Error) => {
  process.stderr.write(`plazo-api: ${err.message}\n`);
  process.exit(1);
});
