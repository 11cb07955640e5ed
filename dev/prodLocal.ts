/**
 * `make prod-local WORKERS=3`: the production shape of docker-compose.yml on one machine, without Docker.
 * Postgres (embedded, max_connections 200), the real Temporal server on it (dev/temporalServer.ts: schema,
 * `default` namespace, Plazo's search attributes), a mail catcher, N workers and the API, each a real
 * process running the compiled code (`npm run build`, as the image does). Data kept under .data/prod-local/
 * (or PROD_DATA_DIR). Starting, the addresses and stopping (workers and API first): dev/launcher.ts, shared
 * with `make demo`. No Temporal UI: it is a separate program, not built here.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoCodecKeys } from '../codec/demoKeys';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { envNumber, hidePassword, launch, root } from './launcher';
import { startMailCatcher } from './mailCatcher';
import { productionWorkerCommand } from './processes';
import { pgServerOf, startTemporalServer } from './temporalServer';
import { cliTlsArgs } from './temporalTls';

// PROD_DATA_DIR: somewhere else than .data/prod-local/ (its stop test starts it in a temporary directory).
const dataDir = resolve(process.env.PROD_DATA_DIR ?? resolve(root, '.data', 'prod-local'));
// The demo's key in .data/ unless the data lives elsewhere.
const keyDir = process.env.PROD_DATA_DIR ? dataDir : resolve(root, '.data');

launch('prod-local', { exitAfterStart: process.env.PLAZO_PROD_EXIT_AFTER_START === '1' }, async ({ step, onStop, service }) => {
  const workers = envNumber('WORKERS', 1);
  if (workers < 1) throw new Error('WORKERS: at least 1');
  const ports = {
    postgres: envNumber('PROD_PG_PORT', 5434),
    temporal: envNumber('PROD_TEMPORAL_PORT', 7233),
    smtp: envNumber('PROD_SMTP_PORT', 1025),
    mailWeb: envNumber('PROD_MAIL_WEB_PORT', 8025),
    api: envNumber('PROD_API_PORT', 3000),
  };
  mkdirSync(dataDir, { recursive: true });

  step(`starting Postgres on 127.0.0.1:${ports.postgres} (max_connections 200; data in ${dataDir}/postgres)`);
  const pg = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: ports.postgres, maxConnections: 200 });
  onStop(() => pg.stop());
  const databaseUrl = await pg.createDatabase('plazo');

  step(`starting the Temporal server on 127.0.0.1:${ports.temporal} (databases temporal, temporal_visibility; mTLS)`);
  const temporal = await startTemporalServer({ pg: pgServerOf(pg.adminUrl), database: 'temporal', frontendPort: ports.temporal });
  onStop(() => temporal.stop());

  step(`starting the mail catcher: SMTP 127.0.0.1:${ports.smtp}, inbox on http://localhost:${ports.mailWeb}`);
  const mail = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, dir: resolve(dataDir, 'mail') });
  onStop(() => mail.stop());

  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    ...temporal.clientEnv, // mTLS: the frontend takes only Plazo's client certificate
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(ports.smtp),
    API_PORT: String(ports.api),
    PUBLIC_URL: `http://localhost:${ports.api}`,
    PLAZO_CODEC_KEYS: demoCodecKeys(keyDir).value,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const w = productionWorkerCommand();
  step(`starting ${workers} worker(s) (${['node', ...w.nodeFlags, w.entry].join(' ')}) and the API`);
  const started = Array.from({ length: workers }, () => service(w.entry, { ...w.env, ...env }, w.nodeFlags));
  const api = service('dist/client/api/main.js', env);
  await Promise.all([...started.map((s) => s.waitForOutput(/worker started/, 180_000)), api.waitForOutput(/api started/, 180_000)]);

  return {
    title: "Plazo's production shape is running.",
    addresses: [
      ['API', `http://localhost:${ports.api}/api/health · Web http://localhost:${ports.api}/login`],
      ['Temporal', `${temporal.address} (namespace ${temporal.namespace}; search attributes PlazoPhase, PlazoStatus, PlazoNextDue, PlazoRulePack; mTLS, certificates in ${temporal.certs.dir})`],
      ['Workers', `${workers} (pids ${started.map((s) => s.proc.pid).join(', ')})`],
      ['Mail catcher', `http://localhost:${ports.mailWeb}`],
      ['Postgres', hidePassword(databaseUrl)],
    ],
    more: `Find cases:  .tools/bin/temporal workflow list --address ${temporal.address} ${cliTlsArgs(temporal.certs).join(' ')} --query "PlazoStatus = 'missed'"\n`,
  };
});
