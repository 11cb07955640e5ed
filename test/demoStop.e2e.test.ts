/** `make demo` stops everything it started on SIGINT or SIGTERM to its own process (test/launcherStop.ts). */
import { signalAndCheckNothingLeft } from './launcherStop';

test.each(['SIGINT', 'SIGTERM'] as const)('%s to the demo process alone: Postgres, the Temporal dev server, the worker and the API all stop', async (signal) => {
  await signalAndCheckNothingLeft(
    {
      script: 'dev/demo.ts',
      portVars: ['DEMO_PG_PORT', 'DEMO_TEMPORAL_PORT', 'DEMO_TEMPORAL_UI_PORT', 'DEMO_SMTP_PORT', 'DEMO_MAIL_WEB_PORT', 'DEMO_API_PORT'],
      dataDirVar: 'DEMO_DATA_DIR',
      ready: 'Plazo is running.',
      expected: [/postgres/, /temporal.* server start-dev/, /worker\/main\.ts/, /client\/api\/main\.ts/],
    },
    signal,
  );
}, 300_000);
