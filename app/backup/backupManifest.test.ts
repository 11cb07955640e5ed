import { isDomainInputError } from '../../domain';
import { ARCHIVE_FORMAT, archiveName, checkDatabasesPresent, checkPostgresMajor, checkTarget, parseManifest, passphraseFrom, requiredDatabases, targetState, walFilesBetween, type BackupManifest } from './backupManifest';

/** `field: message` as the CLI prints it, the message alone for other errors, or 'no error'. */
function failure(f: () => unknown): string {
  try {
    f();
    return 'no error';
  } catch (e) {
    return isDomainInputError(e) ? `${e.field}: ${e.message}` : (e as Error).message;
  }
}

const manifest: BackupManifest = {
  format: ARCHIVE_FORMAT,
  startedAt: '2031-03-04T05:06:07.000Z',
  consistentAt: '2031-03-04T05:06:09.500Z',
  postgres: { version: '18.4', major: 18, systemIdentifier: '7580000000000000000' },
  databases: ['plazo', 'postgres', 'temporal', 'temporal_visibility'],
  plazoDatabase: 'plazo',
  temporalDatabases: ['temporal', 'temporal_visibility'],
  startLsn: '0/7000028',
  stopLsn: '0/7000120',
  walFiles: ['000000010000000000000007'],
};

describe('the manifest', () => {
  test('round-trips through JSON', () => {
    expect(parseManifest(JSON.stringify(manifest))).toEqual(manifest);
  });

  test('a file that is not a Plazo backup names what is wrong', () => {
    expect(failure(() => parseManifest('not json'))).toContain('archive: manifest.json is not JSON');
    expect(failure(() => parseManifest(JSON.stringify({ ...manifest, format: 'other/1' })))).toMatch(/manifest\.json: format: /);
    expect(failure(() => parseManifest(JSON.stringify({ ...manifest, stopLsn: 'x' })))).toContain('manifest.json: stopLsn: is not a WAL position');
    expect(failure(() => parseManifest(JSON.stringify({ ...manifest, walFiles: ['../../etc/passwd'] })))).toContain('manifest.json: walFiles.0: is not a WAL file name');
  });
});

test('archive names sort by time and carry no colon', () => {
  expect(archiveName(new Date('2031-03-04T05:06:07.890Z'))).toBe('plazo-backup-2031-03-04T05-06-07Z.age');
  const names = ['2031-12-01T00:00:00Z', '2031-02-01T10:00:00Z', '2031-02-01T09:59:59Z'].map((t) => archiveName(new Date(t)));
  expect([...names].sort()).toEqual([names[2], names[1], names[0]]);
});

test("the cluster must hold Plazo's, Temporal's and visibility's databases", () => {
  expect(requiredDatabases('plazo', 'temporal')).toEqual(['plazo', 'temporal', 'temporal_visibility']);
  expect(failure(() => checkDatabasesPresent(['plazo', 'temporal', 'temporal_visibility', 'postgres'], requiredDatabases('plazo', 'temporal')))).toBe('no error');
  expect(failure(() => checkDatabasesPresent(['plazo', 'postgres'], requiredDatabases('plazo', 'temporal')))).toContain('DATABASE_URL: the Postgres cluster has no database temporal, temporal_visibility (it has plazo, postgres)');
});

describe('the WAL a backup needs', () => {
  const pgWal = ['000000010000000000000006', '000000010000000000000007', '000000010000000000000008', '000000010000000100000000', '00000002.history', 'archive_status', 'summaries'];

  test('from the start segment to the stop segment, and the timeline histories', () => {
    expect(walFilesBetween(pgWal, '000000010000000000000007', '000000010000000000000008')).toEqual(['00000002.history', '000000010000000000000007', '000000010000000000000008']);
  });

  test('across a "log" boundary (segment FF to the next log\'s 00)', () => {
    const files = ['0000000100000000000000FE', '0000000100000000000000FF', '000000010000000100000000'];
    expect(walFilesBetween(files, '0000000100000000000000FF', '000000010000000100000000')).toEqual(files.slice(1));
  });

  test('a missing segment fails the backup rather than writing one that cannot be restored', () => {
    expect(failure(() => walFilesBetween(pgWal, '000000010000000000000007', '000000010000000000000009'))).toContain('pg_wal holds 2 of the 3 WAL segments');
  });
});

describe('the restore target', () => {
  test('missing or empty is fine; not empty needs --overwrite; a running Postgres never', () => {
    expect(targetState(undefined)).toBe('missing');
    expect(targetState([])).toBe('empty');
    expect(targetState(['PG_VERSION', 'base'])).toBe('not-empty');
    expect(targetState(['PG_VERSION', 'postmaster.pid'])).toBe('in-use');
    expect(failure(() => checkTarget('/d', 'missing', false))).toBe('no error');
    expect(failure(() => checkTarget('/d', 'empty', false))).toBe('no error');
    expect(failure(() => checkTarget('/d', 'not-empty', false))).toContain('--data-dir: /d is not empty: restore into a new directory, or pass --overwrite');
    expect(failure(() => checkTarget('/d', 'not-empty', true))).toBe('no error');
    expect(failure(() => checkTarget('/d', 'in-use', true))).toContain('--data-dir: /d has a postmaster.pid');
  });

  test("the archive's Postgres major must be the one installed", () => {
    expect(failure(() => checkPostgresMajor(manifest, 18))).toBe('no error');
    expect(failure(() => checkPostgresMajor(manifest, 19))).toContain('archive: holds a Postgres 18 cluster; this machine runs Postgres 19');
  });
});

describe('the passphrase', () => {
  const noFile = () => {
    throw new Error('ENOENT: no such file');
  };
  const long = 'a-long-enough-passphrase';

  test('from the environment or a file, never both', () => {
    expect(passphraseFrom({ PLAZO_BACKUP_PASSPHRASE: long }, noFile, 'backup')).toBe(long);
    expect(passphraseFrom({ PLAZO_BACKUP_PASSPHRASE_FILE: '/k' }, (p) => (p === '/k' ? `${long}\n` : ''), 'backup')).toBe(long);
    expect(failure(() => passphraseFrom({ PLAZO_BACKUP_PASSPHRASE: long, PLAZO_BACKUP_PASSPHRASE_FILE: '/k' }, noFile, 'backup'))).toContain('PLAZO_BACKUP_PASSPHRASE: and PLAZO_BACKUP_PASSPHRASE_FILE are both set');
    expect(failure(() => passphraseFrom({}, noFile, 'restore'))).toContain('PLAZO_BACKUP_PASSPHRASE: is not set: the restore needs');
    expect(failure(() => passphraseFrom({ PLAZO_BACKUP_PASSPHRASE_FILE: '/nope' }, noFile, 'restore'))).toContain('PLAZO_BACKUP_PASSPHRASE_FILE: cannot read /nope: ENOENT');
  });

  test('a backup refuses a short or empty one; a restore takes what the backup had', () => {
    expect(failure(() => passphraseFrom({ PLAZO_BACKUP_PASSPHRASE: 'short' }, noFile, 'backup'))).toContain('PLAZO_BACKUP_PASSPHRASE: is shorter than 16 characters');
    expect(failure(() => passphraseFrom({ PLAZO_BACKUP_PASSPHRASE: '  ' }, noFile, 'restore'))).toContain('PLAZO_BACKUP_PASSPHRASE: is empty');
    expect(passphraseFrom({ PLAZO_BACKUP_PASSPHRASE: 'short' }, noFile, 'restore')).toBe('short');
  });
});
