/**
 * `make prod-local WORKERS=3`: the production shape of docker-compose.yml on one machine, without Docker.
 * Postgres (embedded, max_connections 200), the real Temporal server on it (dev/temporalServer.ts: schema,
 * `default` namespace, Plazo's search attributes), a mail catcher, N workers and the API, each a real
 * process running the compiled code (`npm run build`, as the image does). Data kept under .data/prod-local/;
 * Ctrl+C stops everything, workers first. No Temporal UI: it is a separate program, not built here.
 */
import { Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoCodecKeys } from '../codec/demoKeys';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { startMailCatcher } from './mailCatcher';
import { productionWorkerCommand, startService, type Service } from './processes';
import { pgServerOf, startTemporalServer } from './temporalServer';
import { cliTlsArgs } from './temporalTls';

const root = resolve(__dirname, '..');
const dataDir = resolve(root, '.data', 'prod-local');
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: expected a whole number, got ${process.env[name]}`);
  return v;
};

function step(msg: string): void {
  process.stdout.write(`[prod-local] ${msg}\n`);
}

async function main(): Promise<void> {
  const workers = num('WORKERS', 1);
  if (workers < 1) throw new Error('WORKERS: at least 1');
  const ports = {
    postgres: num('PROD_PG_PORT', 5434),
    temporal: num('PROD_TEMPORAL_PORT', 7233),
    smtp: num('PROD_SMTP_PORT', 1025),
    mailWeb: num('PROD_MAIL_WEB_PORT', 8025),
    api: num('PROD_API_PORT', 3000),
  };
  mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    step('stopping (workers and API, then the Temporal server, the mail catcher, Postgres)…');
    for (const stop of [...stops].reverse()) await stop().catch((err: Error) => step(`while stopping: ${err.message}`));
    process.exit(code);
  };
  Runtime.install({ shutdownSignals: [] });
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    step(`starting Postgres on 127.0.0.1:${ports.postgres} (max_connections 200; data in .data/prod-local/postgres)`);
    const pg = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: ports.postgres, maxConnections: 200 });
    stops.push(() => pg.stop());
    const databaseUrl = await pg.createDatabase('plazo');

    step(`starting the Temporal server on 127.0.0.1:${ports.temporal} (databases temporal, temporal_visibility; mTLS)`);
    const temporal = await startTemporalServer({ pg: pgServerOf(pg.adminUrl), database: 'temporal', frontendPort: ports.temporal });
    stops.push(() => temporal.stop());

    step(`starting the mail catcher: SMTP 127.0.0.1:${ports.smtp}, inbox on http://localhost:${ports.mailWeb}`);
    const mail = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, dir: resolve(dataDir, 'mail') });
    stops.push(() => mail.stop());

    const codecKeys = demoCodecKeys(resolve(root, '.data'));
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      ...temporal.clientEnv, // mTLS: the frontend takes only Plazo's client certificate
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(ports.smtp),
      API_PORT: String(ports.api),
      PUBLIC_URL: `http://localhost:${ports.api}`,
      PLAZO_CODEC_KEYS: codecKeys.value,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };
    const w = productionWorkerCommand();
    step(`starting ${workers} worker(s) (${['node', ...w.nodeFlags, w.entry].join(' ')}) and the API`);
    const services: Service[] = [
      ...Array.from({ length: workers }, () => startService(w.entry, { ...w.env, ...env }, w.nodeFlags)),
      startService('dist/client/api/main.js', env),
    ];
    stops.push(...services.map((s) => () => s.stop()));
    await Promise.all(services.map((s, i) => s.waitForOutput(i < workers ? /worker started/ : /api started/, 180_000)));

    process.stdout.write(`
Plazo's production shape is running.
  API          http://localhost:${ports.api}/api/health · Web http://localhost:${ports.api}/login
  Temporal     ${temporal.address} (namespace ${temporal.namespace}; search attributes PlazoPhase, PlazoStatus, PlazoNextDue, PlazoRulePack; mTLS, certificates in ${temporal.certs.dir})
  Workers      ${workers} (pids ${services.slice(0, workers).map((s) => s.proc.pid).join(', ')})
  Mail catcher http://localhost:${ports.mailWeb}
  Postgres     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}
Find cases:  .tools/bin/temporal workflow list --address ${temporal.address} ${cliTlsArgs(temporal.certs).join(' ')} --query "PlazoStatus = 'missed'"
Press Ctrl+C to stop.
`);
    if (process.env.PLAZO_PROD_EXIT_AFTER_START === '1') await shutdown(0);
    for (const s of services) {
      void s.exited().then((code) => {
        step(`a service exited (${code}); its output:\n${s.output().slice(-2000)}`);
        void shutdown(1);
      });
    }
  } catch (err) {
    process.stderr.write(`[prod-local] ERROR: ${(err as Error).message}\n`);
    await shutdown(1);
  }
}

void main().catch((err: Error) => {
  process.stderr.write(`[prod-local] ERROR: ${err.message}\n`);
  process.exit(1);
});
