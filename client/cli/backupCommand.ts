/**
 * `plazo backup` and `plazo restore` (docs/production.md, "Backup and restore"): the operator's commands
 * on Postgres' machine. The passphrase comes from PLAZO_BACKUP_PASSPHRASE or PLAZO_BACKUP_PASSPHRASE_FILE,
 * never a flag.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { archiveName, passphraseFrom } from '../../app/backup/backupManifest';
import { backupCluster } from '../../app/backup/clusterBackup';
import { installedPostgresMajor, readManifest, restoreCluster } from '../../app/backup/clusterRestore';
import { lostWrites } from '../../app/backup/lostEvents';
import { createDb } from '../../db/database';
import { loadEnv } from '../../config/env';
import { DomainInputError } from '../../domain';
import { printJson, table, type CliIo } from './io';

const passphrase = (purpose: 'backup' | 'restore') => passphraseFrom(process.env, (p) => readFileSync(p, 'utf8'), purpose);

function databaseUrl(): string {
  const url = loadEnv().DATABASE_URL;
  if (!url) throw new DomainInputError('DATABASE_URL', "is not set: point it at Plazo's database on the Postgres cluster to back up");
  return url;
}

export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description("write one encrypted archive of the Postgres cluster: Plazo's, Temporal's and visibility's databases at one instant (DATABASE_URL, as a superuser; runs on Postgres' machine)")
    .option('--out <file>', 'the archive to write (default: plazo-backup-<UTC time>.age in --dir)')
    .option('--dir <dir>', 'where the default-named archive goes', '.')
    .option('--temporal-database <name>', "Temporal's database (visibility's is <name>_visibility)", 'temporal')
    .option('--json', 'print the manifest')
    .action(async (o: { out?: string; dir: string; temporalDatabase: string; json?: boolean }) => {
      const key = passphrase('backup');
      const out = resolve(o.out ?? resolve(o.dir, archiveName(new Date())));
      const manifest = await backupCluster({ databaseUrl: databaseUrl(), temporalDatabase: o.temporalDatabase, out, passphrase: key });
      if (o.json) return printJson(io, { archive: out, ...manifest });
      io.out(
        [
          `archive:     ${out}`,
          `consistent:  ${manifest.consistentAt} (a restore brings every database back to this instant)`,
          `databases:   ${manifest.databases.join(', ')}`,
          `postgres:    ${manifest.postgres.version}; WAL ${manifest.startLsn} to ${manifest.stopLsn} (${manifest.walFiles.length} files)`,
          'Keep the passphrase apart from the archive: without it the archive cannot be opened.',
        ].join('\n'),
      );
    });

  program
    .command('restore')
    .description("unpack a plazo backup into a new Postgres data directory (start Postgres, Temporal and the workers on it as usual), or list what a restore would lose")
    .argument('<archive>', 'the .age file plazo backup wrote')
    .option('--data-dir <dir>', 'the Postgres data directory to create (must not exist or be empty)')
    .option('--overwrite', 'replace a non-empty --data-dir (Postgres stopped; the old directory is kept beside it)')
    .option('--list-lost', "restore nothing: list the writes the audit log of DATABASE_URL (the old database, if it survived) recorded after the archive's instant")
    .option('--json', 'print JSON')
    .action(async (archive: string, o: { dataDir?: string; overwrite?: boolean; listLost?: boolean; json?: boolean }) => {
      const key = passphrase('restore');
      if (o.listLost) return listLost(io, await readManifest(archive, key), o.json);
      if (!o.dataDir) throw new DomainInputError('--data-dir', 'is required: the new Postgres data directory');
      const done = await restoreCluster({ archive, passphrase: key, dataDir: o.dataDir, overwrite: !!o.overwrite, installedMajor: installedPostgresMajor() });
      if (o.json) return printJson(io, { dataDir: resolve(o.dataDir), replacedKeptAt: done.replacedKeptAt ?? null, ...done.manifest });
      io.out(
        [
          `restored:    ${resolve(o.dataDir)}`,
          `as of:       ${done.manifest.consistentAt}: anything recorded or sent after it is not in this copy (plazo restore ${archive} --list-lost)`,
          `databases:   ${done.manifest.databases.join(', ')}`,
          ...(done.replacedKeptAt ? [`replaced:    the old directory is at ${done.replacedKeptAt}; delete it once the restore is checked`] : []),
          'Next: start Postgres on it (it replays the archive\'s WAL first), then the Temporal server, then the workers and the API.',
        ].join('\n'),
      );
    });
}

async function listLost(io: CliIo, manifest: { consistentAt: string }, json?: boolean): Promise<void> {
  const db = createDb(databaseUrl(), 1);
  try {
    const lost = await lostWrites(db, new Date(manifest.consistentAt));
    if (json) return printJson(io, { since: manifest.consistentAt, lost });
    if (lost.length === 0) return io.out(`nothing written after ${manifest.consistentAt}: a restore of this archive loses no recorded write`);
    io.out(`${lost.length} writes after ${manifest.consistentAt} that a restore of this archive loses (enter them again):`);
    io.out(table([['at', 'who', 'action', 'case', 'request'], ...lost.map((w) => [w.at.toISOString(), w.userId ?? '-', w.action, w.caseId ?? '-', `${w.method} ${w.path}`])]));
  } finally {
    await db.destroy();
  }
}
