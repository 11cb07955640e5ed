import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import { migrations } from './migrations';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  // Without a timeout a query waits forever for a connection to a server that is down; with it the
  // activity fails and Temporal retries it.
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle connection cut by a Postgres restart emits 'error' on the pool: unhandled, it would kill the
  // process. The pool drops that client and the next query opens a fresh one.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * One connection of its own for the health check (GET /api/health): a main pool busy with dashboards or
 * exports never keeps it waiting, and its statement and connection timeouts make it answer "error" in
 * seconds rather than hang when Postgres is stuck.
 */
export function createProbeDb(databaseUrl: string): Db {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 2000, statement_timeout: 2000, query_timeout: 2500 });
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Applies pending migrations; safe to run from several processes at once (Kysely takes a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Fails fast with the address and a hint, instead of a pool error deep in the first query. */
export async function checkDatabase(databaseUrl: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('select 1');
  } catch (err) {
    const where = redactUrl(databaseUrl);
    throw new Error(`cannot reach Postgres at ${where}: ${(err as Error).message}. Start Postgres or set DATABASE_URL to a reachable server.`);
  } finally {
    await pool.end();
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
