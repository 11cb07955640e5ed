import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime } from '@temporalio/worker';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { dataConverterFromEnv } from '../codec/dataConverter';
import { parseCodecKeys } from '../codec/keys';
import { demoCodecKeys } from '../codec/demoKeys';
import { createDb } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPg } from '../db/embeddedPostgres';
import { seedDemo, type DemoPerson } from './demoSeed';
import { scheduledNotificationWorkflow } from '../workflows';
import { CASE_SEARCH_KEYS } from '../workflows/searchAttributes';
import { startMailCatcher } from './mailCatcher';
import { startService, type Service } from './processes';
import { alive, cmdline, descendantsOf } from './processTree';
import { freePort } from './freePort';
import { temporalCli } from './temporalBinaries';
import { devServerDynamicConfigArgs } from './temporalDynamicConfig';
import { startTemporalUiFront } from './temporalUiFront';

/**
 * `make demo`: the whole system on embedded defaults. Postgres (embedded), the Temporal dev server with
 * its Web UI, a mail catcher, the worker and the API, each a real process; data kept under .data/.
 */
const root = resolve(__dirname, '..');
// DEMO_DATA_DIR: somewhere else than .data/ (the demo's own test starts it in a temporary directory).
const dataDir = resolve(process.env.DEMO_DATA_DIR ?? resolve(root, '.data'));
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ports = {
  postgres: port('DEMO_PG_PORT', 5433),
  temporal: port('DEMO_TEMPORAL_PORT', 7233),
  temporalUi: port('DEMO_TEMPORAL_UI_PORT', 8233),
  smtp: port('DEMO_SMTP_PORT', 1025),
  mailWeb: port('DEMO_MAIL_WEB_PORT', 8025),
  api: port('DEMO_API_PORT', 3000),
};

function step(msg: string): void {
  process.stdout.write(`[demo] ${msg}\n`);
}

/**
 * Stops what the demo started: SIGINT (a fast, clean shutdown for Postgres, the dev server, the worker and
 * the API alike; SIGTERM would make Postgres wait for its clients), then SIGKILL after 5 s.
 */
async function endAll(pids: number[]): Promise<void> {
  const left = () => pids.filter(alive);
  if (left().length === 0) return;
  for (const pid of left()) signal(pid, 'SIGINT');
  for (let i = 0; i < 50 && left().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of left()) signal(pid, 'SIGKILL');
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return; // Ctrl+C twice, or a service exiting while we stop
    stopping = true;
    step('stopping…');
    // Everything started so far, signalled first: each service, Postgres and the dev server stop cleanly on
    // SIGINT (SIGKILL after 5 s). The library teardowns run after, as a tidy-up; the process was seen to
    // end in the middle of the SDK's dev-server teardown, leaving the dev server running under init.
    const keepAlive = setInterval(() => undefined, 1000);
    // Nothing may end this process before everything it started is stopped (a failing teardown included).
    process.on('uncaughtException', (err) => step(`while stopping: ${err.message}`));
    process.on('unhandledRejection', (err) => step(`while stopping: ${String(err)}`));
    // Not tsx's own esbuild service, which this very process runs its code through.
    await endAll(descendantsOf(process.pid).filter((pid) => !/esbuild/.test(cmdline(pid))));
    // Bounded: a teardown waiting on a process that is already gone (Postgres, the dev server) never returns.
    for (const stop of [...stops].reverse()) await Promise.race([stop().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    clearInterval(keepAlive);
    process.exit(code);
  };
  // The SDK's runtime would shut itself down on SIGINT before we tear the dev server down, orphaning it.
  Runtime.install({ shutdownSignals: [] });
  // A signal to this process alone (not only a terminal's Ctrl+C to the whole group) stops everything.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));

  try {
    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      step(`starting embedded Postgres on 127.0.0.1:${ports.postgres} (data in .data/postgres)`);
      const pg: EmbeddedPg = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: ports.postgres });
      stops.push(() => pg.stop());
      databaseUrl = await pg.createDatabase('plazo');
    }

    const codecKeys = demoCodecKeys(dataDir);
    step(`payload encryption key from ${codecKeys.source}`);

    step(`starting the Temporal dev server on 127.0.0.1:${ports.temporal} (history in .data/temporal.db)`);
    // Its Web UI listens inside; people open it through the front (dev/temporalUiFront.ts), which also
    // serves the API's /codec on the UI's own origin: there the browser sends the admin's session cookie.
    const innerUiPort = await freePort();
    const temporal = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: temporalCli(),
        ip: '127.0.0.1',
        port: ports.temporal,
        ui: true,
        uiPort: innerUiPort,
        dbFilename: resolve(dataDir, 'temporal.db'),
        // Plazo's search attributes (docs/production.md): the UI can find cases by phase, status, next due instant.
        searchAttributes: Object.values(CASE_SEARCH_KEYS),
        // Payloads are encrypted; the UI decrypts them through the API's codec endpoint, for an admin signed in to Plazo.
        extraArgs: ['--ui-codec-endpoint', `http://localhost:${ports.temporalUi}/codec`, ...devServerDynamicConfigArgs()],
      },
      client: { dataConverter: dataConverterFromEnv(codecKeys.value) },
    });
    stops.push(() => temporal.teardown());
    const uiFront = await startTemporalUiFront({ host: '127.0.0.1', port: ports.temporalUi, uiPort: innerUiPort, apiPort: ports.api, signInUrl: `http://localhost:${ports.api}/login` });
    stops.push(() => uiFront.close());

    step(`starting the mail catcher: SMTP 127.0.0.1:${ports.smtp}, inbox on http://localhost:${ports.mailWeb}`);
    const mail = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, dir: resolve(dataDir, 'mail') });
    stops.push(() => mail.stop());

    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
      TEMPORAL_UI_URL: `http://localhost:${ports.temporalUi}`,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(ports.smtp),
      API_PORT: String(ports.api),
      PUBLIC_URL: `http://localhost:${ports.api}`,
      PLAZO_CODEC_KEYS: codecKeys.value,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    };
    step('starting the worker and the API');
    const services: Service[] = [startService('worker/main.ts', env), startService('client/api/main.ts', env)];
    stops.push(...services.map((s) => () => s.stop()));
    await Promise.all([services[0]!.waitForOutput(/worker started/), services[1]!.waitForOutput(/api started/)]);

    step('sending a system-check email through a workflow');
    await temporal.client.workflow.execute(scheduledNotificationWorkflow, {
      taskQueue: 'plazo-cases',
      workflowId: `system-check-${Date.now()}`,
      args: [
        {
          at: new Date().toISOString(),
          notification: {
            idempotencyKey: `system-check:${Date.now()}`,
            recipient: 'operador@plazo.local',
            language: 'es',
            subject: 'Plazo está en marcha / Plazo is running',
            body: 'El worker, Postgres y SMTP responden. / The worker, Postgres and SMTP answer.',
          },
        },
      ],
    });

    step('seeding the demo organization and its cases (through the API)');
    const db = createDb(databaseUrl, 2);
    let people: DemoPerson[];
    try {
      people = await seedDemo({
        db,
        codec: new AesGcmCodec(parseCodecKeys(codecKeys.value)),
        apiUrl: `http://127.0.0.1:${ports.api}`,
        publicUrl: env.PUBLIC_URL,
        tokenFile: resolve(dataDir, 'demo-tokens.json'),
        log: step,
      });
    } finally {
      await db.destroy();
    }

    process.stdout.write(`
Plazo is running.
  Web          http://localhost:${ports.api}/login   (paste a token below)
  API          http://localhost:${ports.api}/api/health · OpenAPI http://localhost:${ports.api}/api/openapi.json
  Temporal UI  http://localhost:${ports.temporalUi}   (operators only: sign in to Plazo as an admin first)
  Mail catcher http://localhost:${ports.mailWeb}
  Postgres     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}

Demo people (tokens also in .data/demo-tokens.json; the database keeps only their hashes):
${people.map((p) => `  ${p.name.padEnd(16)} ${p.role.padEnd(10)} ${p.language}  ${p.token}`).join('\n')}
Calendar feed of Ana Morales: ${people[0]!.calendarUrl}
Command line: PLAZO_TOKEN=${people[0]!.token} npx plazo deadlines --within 30d
Press Ctrl+C to stop.
`);
    if (process.env.PLAZO_DEMO_EXIT_AFTER_START === '1') await shutdown(0);
    for (const s of services) {
      void s.exited().then((code) => {
        step(`a service exited (${code}); its output:\n${s.output().slice(-2000)}`);
        void shutdown(1);
      });
    }
  } catch (err) {
    process.stderr.write(`[demo] ERROR: ${(err as Error).message}\n`);
    await shutdown(1);
  }
}

void main();
