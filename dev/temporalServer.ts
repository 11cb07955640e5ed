/**
 * The real Temporal server on PostgreSQL, as docker-compose.yml runs it (temporalio/auto-setup), without
 * Docker: the binaries scripts/setup.sh built from the server's Go module, its own config template
 * (config/docker.yaml) filled from the same environment variables the image reads, the schema laid by
 * temporal-sql-tool as auto-setup does. Only Plazo reaches it: mTLS on the frontend and between its
 * services, a client certificate signed by the local CA required (dev/temporalTls.ts, issue 25 H2).
 * Used by `make prod-local` (dev/prodLocal.ts), the production-shape tests (test/temporalServerHarness.ts)
 * and the bench (`--temporal server`).
 */
import { Connection, type TLSConfig } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient } from 'pg';
import { registerCaseSearchAttributes } from '../app/searchAttributes';
import { temporalTls } from '../config/env';
import { freePortInRange } from './freePort';
import { startProcess, type Service } from './processes';
import { temporalCliPath, temporalServerBinaries, type TemporalServerBinaries } from './temporalBinaries';
import { DYNAMIC_CONFIG_PATH } from './temporalDynamicConfig';
import { cliTlsArgs, plazoTlsEnv, serverTlsEnv, temporalCerts, type TemporalCerts } from './temporalTls';

const run = promisify(execFile);

export interface PgServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** postgres://user:password@host:port/… → its parts. */
export function pgServerOf(url: string): PgServer {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5432), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

/** The services of the server binary; one process runs them all unless `split`. */
export const TEMPORAL_SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

export interface TemporalServerOptions {
  pg: PgServer;
  /** The history database's name; visibility goes to `<database>_visibility`. */
  database: string;
  /** Frontend gRPC port (the address clients dial); free ports are picked for the rest. */
  frontendPort?: number;
  /**
   * One process per service, and two history processes sharing the shards, finding each other through
   * the cluster_membership table as in a cluster: when one history process dies the other takes its shards.
   */
  split?: boolean;
  numHistoryShards?: number;
  /** The namespace created (and given Plazo's search attributes) once the server answers. */
  namespace?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** The certificates (default: the local ones scripts/setup.sh made, dev/temporalTls.ts). */
  certs?: TemporalCerts;
  /** Which build runs (default: the version in use, `.tools/bin`); `roll` moves to another. */
  binaries?: TemporalServerBinaries;
  /** Another dynamic config file (default: dev/temporalDynamicConfig.yaml, as compose mounts it); the bench's settings. */
  dynamicConfigPath?: string;
  /** Variables over temporalServerEnv's (e.g. another GOMEMLIMIT); the bench's settings. */
  env?: Record<string, string>;
}

export interface TemporalServer {
  address: string;
  namespace: string;
  certs: TemporalCerts;
  /** What an in-process client connects with: `Connection.connect({ address, tls })`. */
  tls: TLSConfig;
  /** What a Plazo process (worker, API) is given to connect: TEMPORAL_TLS_CA, _CERT, _KEY, _SERVER_NAME. */
  clientEnv: Record<string, string>;
  /** The running processes: one named `all`, or (split) `frontend`, `matching`, `worker`, `history-1`, `history-2`. */
  processes(): Map<string, Service>;
  /** Stops every process and starts them again (same ports, same databases: nothing may be lost). */
  restart(): Promise<void>;
  /**
   * The upgrade's server step (docs/production.md, "Upgrading"): each process in turn stopped and started
   * again from `binaries`, same ports and databases; `whileStopped` runs while the first is down.
   */
  roll(binaries: TemporalServerBinaries, opts?: { whileStopped?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

/** temporal-sql-tool on the Postgres server (postgres12 plugin, as compose's DB=postgres12). */
function sqlToolOn(sqlTool: string, pg: PgServer) {
  const env = { ...process.env, SQL_PLUGIN: 'postgres12', SQL_HOST: pg.host, SQL_PORT: String(pg.port), SQL_USER: pg.user, SQL_PASSWORD: pg.password };
  return async (...args: string[]) => {
    try {
      await run(sqlTool, args, { env });
    } catch (err) {
      const e = err as Error & { stderr?: string; stdout?: string };
      throw new Error(`temporal-sql-tool ${args.join(' ')} failed: ${e.stderr || e.stdout || e.message}`);
    }
  };
}

/** The history database and its visibility database, with the schema each holds. */
const databasesOf = (database: string) => [[database, 'temporal'], [`${database}_visibility`, 'visibility']] as const;

/** Creates the two databases and lays the schema, as auto-setup does; safe to run again (updates to the latest). */
export async function prepareTemporalDatabases(pg: PgServer, database: string, binaries: TemporalServerBinaries = temporalServerBinaries()): Promise<void> {
  const tool = sqlToolOn(binaries.sqlTool, pg);
  for (const [db, schema] of databasesOf(database)) {
    if (!(await databaseExists(pg, db))) {
      await tool('--db', db, 'create-database');
      await tool('--db', db, 'setup-schema', '-v', '0.0');
    }
    await tool('--db', db, 'update-schema', '--schema-name', `postgresql/v12/${schema}`);
  }
}

/**
 * The upgrade's schema step (docs/production.md, "Upgrading"), while the old server still runs: the new
 * version's temporal-sql-tool brings both databases to its versioned schema dirs. A no-op when current.
 */
export async function upgradeTemporalSchema(pg: PgServer, database: string, next: { sqlTool: string; schemaDir: string }): Promise<void> {
  const tool = sqlToolOn(next.sqlTool, pg);
  for (const [db, schema] of databasesOf(database)) {
    await tool('--db', db, 'update-schema', '--schema-dir', join(next.schemaDir, 'postgresql', 'v12', schema, 'versioned'));
  }
}

async function databaseExists(pg: PgServer, name: string): Promise<boolean> {
  const client = new PgClient({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database: 'postgres' });
  await client.connect();
  try {
    return ((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * The variables config/docker.yaml reads, as temporalio/auto-setup is given them in docker-compose.yml
 * (test/dockerCompose.test.ts compares the two). POSTGRES_PORT too: visibility reads it, not DB_PORT, and
 * would dial 5432.
 */
export function temporalServerEnv(opts: Pick<TemporalServerOptions, 'pg' | 'database' | 'numHistoryShards' | 'logLevel' | 'dynamicConfigPath'>, ports: Record<string, number>, certs: TemporalCerts): Record<string, string> {
  return {
    ...serverTlsEnv(certs),
    DB: 'postgres12',
    DB_PORT: String(opts.pg.port),
    POSTGRES_PORT: String(opts.pg.port),
    POSTGRES_SEEDS: opts.pg.host,
    POSTGRES_USER: opts.pg.user,
    POSTGRES_PWD: opts.pg.password,
    DBNAME: opts.database,
    VISIBILITY_DBNAME: `${opts.database}_visibility`,
    // 4 shards, auto-setup's default: each shard has its own task queues, events cache (512 KB) and range
    // reads, one history host needs no more at this scale, and the number is fixed once the cluster exists.
    NUM_HISTORY_SHARDS: String(opts.numHistoryShards ?? 4),
    // Go's soft heap limit (issue 28): past it the GC runs more often instead of letting the heap reach twice
    // what is live. The caches are bounded in the dynamic config; this keeps the garbage around them under
    // 1 GB of PSS. Not a hard cap: a live heap above it costs CPU (GC up to half of it), not a crash.
    GOMEMLIMIT: '800MiB',
    BIND_ON_IP: '127.0.0.1',
    TEMPORAL_BROADCAST_ADDRESS: '127.0.0.1',
    LOG_LEVEL: opts.logLevel ?? 'warn',
    DYNAMIC_CONFIG_FILE_PATH: opts.dynamicConfigPath ?? DYNAMIC_CONFIG_PATH,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
}

export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServer> {
  let binaries = opts.binaries ?? temporalServerBinaries();
  const namespace = opts.namespace ?? 'default';
  const certs = opts.certs ?? temporalCerts();
  // Clients dial 127.0.0.1; the certificate's name is checked as localhost (TLS sends no IP address as SNI).
  const clientEnv: Record<string, string> = { ...plazoTlsEnv(certs), TEMPORAL_TLS_SERVER_NAME: 'localhost' };
  const tls = temporalTls(clientEnv)!;
  await prepareTemporalDatabases(opts.pg, opts.database, binaries);

  // Below 32768, where the kernel's ephemeral ports are not: the ports are chosen before the processes
  // start, and the first one's outgoing connections (Postgres, its peers) take ephemeral ports meanwhile —
  // a later process then found its port taken and exited (createGRPCListener). cluster_membership stores
  // the membership port as a smallint, which this range also keeps.
  const port = () => freePortInRange(20_000, 32_000);
  const membershipPort = port;
  const frontendPort = opts.frontendPort ?? (await port());
  const env = temporalServerEnv(opts, {
    FRONTEND_GRPC_PORT: frontendPort,
    FRONTEND_HTTP_PORT: await port(),
    FRONTEND_MEMBERSHIP_PORT: await membershipPort(),
    HISTORY_GRPC_PORT: await port(),
    HISTORY_MEMBERSHIP_PORT: await membershipPort(),
    MATCHING_GRPC_PORT: await port(),
    MATCHING_MEMBERSHIP_PORT: await membershipPort(),
    WORKER_GRPC_PORT: await port(),
    WORKER_MEMBERSHIP_PORT: await membershipPort(),
  }, certs);
  Object.assign(env, opts.env);
  const address = `127.0.0.1:${frontendPort}`;
  // Each process: its services, and the ports it binds over the shared ones (a second history host needs its own).
  const groups: { name: string; services: TemporalService[]; ports: Record<string, string> }[] = opts.split
    ? [
        ...(['frontend', 'matching', 'worker'] as const).map((s) => ({ name: s, services: [s], ports: {} })),
        { name: 'history-1', services: ['history'], ports: {} },
        { name: 'history-2', services: ['history'], ports: { HISTORY_GRPC_PORT: String(await port()), HISTORY_MEMBERSHIP_PORT: String(await membershipPort()) } },
      ]
    : [{ name: 'all', services: [...TEMPORAL_SERVICES], ports: {} }];
  const procs = new Map<string, Service>();

  const spawnGroup = (g: (typeof groups)[number]) => {
    const { server, configDir } = binaries;
    const args = ['--root', dirname(configDir), '--config', basename(configDir), '--env', 'docker', '--allow-no-auth', 'start', ...g.services.flatMap((s) => ['--service', s])];
    procs.set(g.name, startProcess(server, args, { ...env, ...g.ports }, `temporal-server (${g.name})`));
  };
  const stopAll = async () => {
    // The frontend last: the others drain through it.
    await Promise.all([...procs].filter(([name]) => name !== 'frontend').map(([, p]) => p.stop()));
    await procs.get('frontend')?.stop();
  };
  // Every service listens on its membership port (the worker service serves no gRPC).
  const listenPortOf = (g: (typeof groups)[number]) => Number(g.ports.HISTORY_MEMBERSHIP_PORT ?? env[`${g.services[0]!.toUpperCase()}_MEMBERSHIP_PORT`]);
  const startAll = async () => {
    // The first process alone first: on a fresh database each process would race to write the cluster
    // metadata, and the losers exit. Then the others, each waited for until it listens.
    spawnGroup(groups[0]!);
    await waitUntilServing(address, tls, [...procs.values()]);
    for (const g of groups.slice(1)) spawnGroup(g);
    await Promise.all(groups.slice(1).map((g) => waitForPort(listenPortOf(g), procs.get(g.name)!)));
  };

  try {
    await startAll();
    await createNamespace(address, namespace, certs, tls);
    const connection = await Connection.connect({ address, tls });
    try {
      await registerCaseSearchAttributes(connection, namespace);
    } finally {
      await connection.close();
    }
  } catch (err) {
    await stopAll();
    throw err;
  }

  return {
    address,
    namespace,
    certs,
    tls,
    clientEnv,
    processes: () => procs,
    async restart() {
      await stopAll();
      await startAll();
    },
    async roll(next, { whileStopped } = {}) {
      binaries = next;
      for (const [i, g] of groups.entries()) {
        await procs.get(g.name)!.stop();
        if (i === 0) await whileStopped?.();
        spawnGroup(g);
        await (i === 0 ? waitUntilServing(address, tls, [procs.get(g.name)!]) : waitForPort(listenPortOf(g), procs.get(g.name)!));
      }
    },
    stop: stopAll,
  };
}

/** Polls until a process listens on its port; fails at once if it exits. */
async function waitForPort(port: number, proc: Service, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.proc.exitCode !== null || proc.proc.signalCode !== null) throw new Error(`a Temporal server process exited (${proc.proc.exitCode ?? proc.proc.signalCode}):\n${proc.output().slice(-4000)}`);
    const open = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => (sock.destroy(), resolve(true)));
      sock.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`a Temporal server process did not listen on ${port} within ${timeoutMs} ms:\n${proc.output().slice(-4000)}`);
}

/** Polls the frontend until it answers a namespace-less call; fails at once if a process exits. */
async function waitUntilServing(address: string, tls: TLSConfig, procs: Service[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const dead = procs.find((p) => p.proc.exitCode !== null || p.proc.signalCode !== null);
    if (dead) throw new Error(`the Temporal server exited (${dead.proc.exitCode ?? dead.proc.signalCode}):\n${dead.output().slice(-4000)}`);
    try {
      const c = await Connection.connect({ address, tls, connectTimeout: 2000 });
      try {
        await c.workflowService.getSystemInfo({});
        await c.workflowService.getClusterInfo({});
        return;
      } finally {
        await c.close();
      }
    } catch (err) {
      last = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the Temporal server did not answer on ${address} within ${timeoutMs} ms: ${String(last)}\n${procs[0]?.output().slice(-4000) ?? ''}`);
}

/** With the Temporal CLI, as an operator would; an existing namespace is left as it is. */
async function createNamespace(address: string, namespace: string, certs: TemporalCerts, tls: TLSConfig): Promise<void> {
  try {
    // 24 h retention of closed histories, as auto-setup's DEFAULT_NAMESPACE_RETENTION.
    await run(temporalCliPath(), ['operator', 'namespace', 'create', '--namespace', namespace, '--retention', '24h', '--address', address, ...cliTlsArgs(certs)]);
  } catch (err) {
    const e = err as Error & { stderr?: string };
    if (!/already exists|already registered/i.test(e.stderr ?? e.message)) throw new Error(`temporal operator namespace create ${namespace}: ${e.stderr || e.message}`);
  }
  // Registered in Postgres; usable once the frontend's namespace registry sees it.
  const c = await Connection.connect({ address, tls });
  try {
    for (let i = 0; ; i++) {
      try {
        await c.workflowService.describeNamespace({ namespace });
        await c.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } catch (err) {
        if (i > 60) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  } finally {
    await c.close();
  }
}
