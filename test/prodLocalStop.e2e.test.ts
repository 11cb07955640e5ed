/**
 * `make prod-local` stops everything it started on SIGINT or SIGTERM to its own process (test/launcherStop.ts):
 * Postgres, the real Temporal server, two workers and the API, compiled as `make prod-local` runs them.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { signalAndCheckNothingLeft } from './launcherStop';

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: resolve(__dirname, '..'), stdio: ['ignore', 'ignore', 'pipe'] });
}, 300_000);

test.each(['SIGINT', 'SIGTERM'] as const)('%s to the prod-local process alone: Postgres, the Temporal server, the workers and the API all stop', async (signal) => {
  await signalAndCheckNothingLeft(
    {
      script: 'dev/prodLocal.ts',
      portVars: ['PROD_PG_PORT', 'PROD_TEMPORAL_PORT', 'PROD_SMTP_PORT', 'PROD_MAIL_WEB_PORT', 'PROD_API_PORT'],
      dataDirVar: 'PROD_DATA_DIR',
      env: { WORKERS: '2' },
      ready: "Plazo's production shape is running.",
      expected: [/postgres/, /temporal-server .* start/, /dist\/worker\/main\.js[\s\S]*dist\/worker\/main\.js/, /dist\/client\/api\/main\.js/],
    },
    signal,
  );
}, 300_000);
