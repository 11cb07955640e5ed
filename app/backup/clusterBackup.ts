/**
 * `plazo backup`: one physical base backup of the Postgres cluster that holds Plazo's, Temporal's and
 * visibility's databases, through Postgres' documented low-level API (pg_backup_start / pg_backup_stop,
 * "Making a Base Backup Using the Low Level API"): the data directory copied while the server runs, plus
 * the WAL from start to stop. Recovery replays that WAL to the instant pg_backup_stop returned, the same
 * instant for all three databases (one cluster, one WAL), so Temporal's histories and Plazo's ledger agree.
 * It reads the data directory, so it runs beside Postgres (its machine, as root or its user).
 */
import { copyFileSync, existsSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync, accessSync, constants } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import { DomainInputError } from '../../domain';
import { encryptStream } from './archiveCrypto';
import { ARCHIVE_FORMAT, BackupManifestSchema, checkDatabasesPresent, MEMBERS, requiredDatabases, walFilesBetween, type BackupManifest } from './backupManifest';
import { tar } from './tar';

/** What pg_basebackup leaves out too: contents rebuilt at start, and files of the running server. */
const EXCLUDED = ['pg_wal/*', 'pg_replslot/*', 'pg_stat_tmp/*', 'pg_dynshmem/*', 'pg_notify/*', 'pg_serial/*', 'pg_snapshots/*', 'pg_subtrans/*', 'postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'pgsql_tmp*', 'current_logfiles'];

export interface BackupOptions {
  /** A superuser's (or pg_backup_start's grantee's) URL: DATABASE_URL, whose database is Plazo's. */
  databaseUrl: string;
  temporalDatabase: string;
  /** The archive to write; refused if it exists. */
  out: string;
  passphrase: string;
}

export async function backupCluster(opts: BackupOptions): Promise<BackupManifest> {
  const plazoDatabase = decodeURIComponent(new URL(opts.databaseUrl).pathname.slice(1));
  if (!plazoDatabase) throw new DomainInputError('DATABASE_URL', 'names no database: it must be Plazo\'s (postgres://…/plazo)');
  if (existsSync(opts.out)) throw new DomainInputError('--out', `${opts.out} exists: a backup never replaces another; name a new file`);
  const pg = new Client({ connectionString: opts.databaseUrl });
  await pg.connect().catch((err: Error) => {
    throw new DomainInputError('DATABASE_URL', `cannot connect (${err.message})`);
  });
  let staging: string | undefined;
  const slot = `plazo_backup_${process.pid}_${Date.now()}`;
  try {
    const info = (await pg.query<{ dir: string; num: string; version: string; sysid: string }>(
      "select current_setting('data_directory') as dir, current_setting('server_version_num') as num, current_setting('server_version') as version, (select system_identifier::text from pg_control_system()) as sysid",
    ).catch((err: Error) => {
      throw new DomainInputError('DATABASE_URL', `cannot read the server's settings (${err.message}): connect as a superuser`);
    })).rows[0]!;
    const databases = (await pg.query<{ datname: string }>('select datname from pg_database where not datistemplate order by datname')).rows.map((r) => r.datname);
    checkDatabasesPresent(databases, requiredDatabases(plazoDatabase, opts.temporalDatabase));
    const tablespaces = (await pg.query("select spcname from pg_tablespace where spcname not in ('pg_default', 'pg_global')")).rowCount ?? 0;
    if (tablespaces > 0) throw new DomainInputError('DATABASE_URL', 'the cluster has tablespaces outside its data directory: plazo backup copies the data directory only');
    try {
      accessSync(join(info.dir, 'PG_VERSION'), constants.R_OK);
      accessSync(join(info.dir, 'pg_wal'), constants.R_OK);
    } catch {
      throw new DomainInputError('DATABASE_URL', `the server's data directory ${info.dir} cannot be read here: run plazo backup on Postgres' machine (as root or its user); with docker compose see docs/production.md`);
    }

    staging = mkdtempSync(join(dirname(opts.out), '.plazo-backup-'));
    // A temporary slot keeps every WAL segment from now on until this session ends: none is recycled mid-backup.
    await pg.query('select pg_create_physical_replication_slot($1, true, true)', [slot]);
    const startedAt = new Date();
    const start = (await pg.query<{ lsn: string }>('select pg_backup_start($1, true)::text as lsn', [`plazo backup ${startedAt.toISOString()}`])).rows[0]!.lsn;
    const data = tar(['-c', '-f', join(staging, MEMBERS.data), '-C', info.dir, '--ignore-failed-read', '--warning=no-file-changed', '--warning=no-file-removed', ...EXCLUDED.map((e) => `--exclude=./${e}`), '.'], { okCodes: [0, 1] });
    await data.done;
    const stop = (await pg.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>('select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)')).rows[0]!;
    const consistentAt = new Date();
    const names = (await pg.query<{ first: string; last: string }>('select pg_walfile_name($1::pg_lsn) as first, pg_walfile_name($2::pg_lsn) as last', [start, stop.lsn])).rows[0]!;
    const walFiles = walFilesBetween(readdirSync(join(info.dir, 'pg_wal')), names.first, names.last);
    mkdirSync(join(staging, MEMBERS.wal));
    for (const f of walFiles) copyFileSync(join(info.dir, 'pg_wal', f), join(staging, MEMBERS.wal, f));
    await pg.query('select pg_drop_replication_slot($1)', [slot]);

    writeFileSync(join(staging, MEMBERS.label), stop.labelfile);
    const manifest = BackupManifestSchema.parse({
      format: ARCHIVE_FORMAT,
      startedAt: startedAt.toISOString(),
      consistentAt: consistentAt.toISOString(),
      postgres: { version: info.version, major: Math.floor(Number(info.num) / 10000), systemIdentifier: info.sysid },
      databases,
      plazoDatabase,
      temporalDatabases: [opts.temporalDatabase, `${opts.temporalDatabase}_visibility`],
      startLsn: start,
      stopLsn: stop.lsn,
      walFiles,
    } satisfies BackupManifest);
    writeFileSync(join(staging, MEMBERS.manifest), JSON.stringify(manifest, null, 2));

    // manifest first: `plazo restore --list-lost` reads it without unpacking the rest. Written beside, renamed when whole.
    const partial = `${opts.out}.partial`;
    const outer = tar(['-c', '-C', staging, MEMBERS.manifest, MEMBERS.label, MEMBERS.wal, MEMBERS.data]);
    const encrypted = await encryptStream(outer.stdout.pipe(createGzip({ level: 6 })), opts.passphrase);
    await Promise.all([pipeline(encrypted, createWriteStream(partial, { flags: 'wx', mode: 0o600 })), outer.done]);
    renameSync(partial, opts.out);
    return manifest;
  } catch (err) {
    // A backup left started would hold its slot's WAL until this session ends: ending it is enough.
    rmSync(`${opts.out}.partial`, { force: true });
    throw err;
  } finally {
    await pg.end().catch(() => undefined);
    if (staging) rmSync(staging, { recursive: true, force: true });
  }
}
