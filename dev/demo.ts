import { TestWorkflowEnvironment } from '@temporalio/testing';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { dataConverterFromEnv } from '../codec/dataConverter';
import { parseCodecKeys } from '../codec/keys';
import { demoCodecKeys } from '../codec/demoKeys';
import { createDb } from '../db/database';
import { startEmbeddedPostgres, type EmbeddedPg } from '../db/embeddedPostgres';
import { demoPeopleLines, seedDemo, type DemoPerson } from './demoSeed';
import { scheduledNotificationWorkflow } from '../workflows';
import { CASE_SEARCH_KEYS } from '../workflows/searchAttributes';
import { startMailCatcher } from './mailCatcher';
import { envNumber, hidePassword, launch, root } from './launcher';
import { freePort } from './freePort';
import { temporalCli } from './temporalBinaries';
import { devServerDynamicConfigArgs } from './temporalDynamicConfig';
import { startTemporalUiFront } from './temporalUiFront';

/**
 * `make demo`: the whole system on embedded defaults. Postgres (embedded), the Temporal dev server with
 * its Web UI, a mail catcher, the worker and the API, each a real process; data kept under .data/.
 * Starting, the addresses and stopping: dev/launcher.ts, shared with `make prod-local`.
 */
// DEMO_DATA_DIR: somewhere else than .data/ (the demo's own test starts it in a temporary directory).
const dataDir = resolve(process.env.DEMO_DATA_DIR ?? resolve(root, '.data'));

launch('demo', { exitAfterStart: process.env.PLAZO_DEMO_EXIT_AFTER_START === '1' }, async ({ step, onStop, service }) => {
  const ports = {
    postgres: envNumber('DEMO_PG_PORT', 5433),
    temporal: envNumber('DEMO_TEMPORAL_PORT', 7233),
    temporalUi: envNumber('DEMO_TEMPORAL_UI_PORT', 8233),
    smtp: envNumber('DEMO_SMTP_PORT', 1025),
    mailWeb: envNumber('DEMO_MAIL_WEB_PORT', 8025),
    api: envNumber('DEMO_API_PORT', 3000),
  };
  mkdirSync(dataDir, { recursive: true });
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    step(`starting embedded Postgres on 127.0.0.1:${ports.postgres} (data in .data/postgres)`);
    const pg: EmbeddedPg = await startEmbeddedPostgres({ dataDir: resolve(dataDir, 'postgres'), port: ports.postgres });
    onStop(() => pg.stop());
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
  onStop(() => temporal.teardown());
  const uiFront = await startTemporalUiFront({ host: '127.0.0.1', port: ports.temporalUi, uiPort: innerUiPort, apiPort: ports.api, signInUrl: `http://localhost:${ports.api}/login` });
  onStop(() => uiFront.close());

  step(`starting the mail catcher: SMTP 127.0.0.1:${ports.smtp}, inbox on http://localhost:${ports.mailWeb}`);
  const mail = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, dir: resolve(dataDir, 'mail') });
  onStop(() => mail.stop());

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
  const [worker, api] = [service('worker/main.ts', env), service('client/api/main.ts', env)];
  await Promise.all([worker.waitForOutput(/worker started/), api.waitForOutput(/api started/)]);

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

  return {
    title: 'Plazo is running.',
    addresses: [
      ['Web', `http://localhost:${ports.api}/login   (paste a token below)`],
      ['API', `http://localhost:${ports.api}/api/health · OpenAPI http://localhost:${ports.api}/api/openapi.json`],
      ['Temporal UI', `http://localhost:${ports.temporalUi}   (operators only: sign in to Plazo as an admin first)`],
      ['Mail catcher', `http://localhost:${ports.mailWeb}`],
      ['Postgres', hidePassword(databaseUrl)],
    ],
    more: `
Demo people: sign in with the email (the link arrives in the mail catcher) or paste the token (tokens also in
.data/demo-tokens.json; the database keeps only their hashes):
${demoPeopleLines(people)}
Calendar feed of Ana Morales: ${people[0]!.calendarUrl}
Command line: PLAZO_TOKEN=${people[0]!.token} npx plazo deadlines --within 30d
`,
  };
});
