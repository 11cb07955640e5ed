/** `make demo` stops everything it started on SIGINT or SIGTERM to its own process (test/launcherStop.ts). */
import { signalAndCheckNothingLeft } from './launcherStop';

// SIGINT through the `tsx` command, as `make demo` runs it (its parent relays the signal); SIGTERM to node itself.
test.each([
  ['SIGINT', 'tsx-command'],
  ['SIGTERM', 'loader'],
] as const)('%s to the demo process alone (%s): Postgres, the Temporal dev server, the worker and the API all stop', async (signal, via) => {
  await signalAndCheckNothingLeft(
    {
      script: 'dev/demo.ts',
      via,
      portVars: ['DEMO_PG_PORT', 'DEMO_TEMPORAL_PORT', 'DEMO_TEMPORAL_UI_PORT', 'DEMO_SMTP_PORT', 'DEMO_MAIL_WEB_PORT', 'DEMO_API_PORT'],
      dataDirVar: 'DEMO_DATA_DIR',
      ready: 'Plazo is running.',
      expected: [/postgres/, /temporal.* server start-dev/, /worker\/main\.ts/, /client\/api\/main\.ts/],
    },
    signal,
  );
}, 300_000);
