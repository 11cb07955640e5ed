/**
 * Migration 0018 turns the read model's free-text offices into the listed office's name and free-text
 * nationalities into ISO 3166 codes, matching case, accents and aliases ("cdmx"); what it cannot match
 * stays as typed and is reported, and the known offices and places are loaded as list entries.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { migrateToLatest } from '../db/database';
import { listMigrationReport, loadOffices, loadPlaces, saveListEntry } from '../db/adminLists';
import { freshDatabase, migrateTo } from './migrationDatabase';

const pg = freshDatabase();

test('free-text offices and nationalities are matched to the lists, or reported', async () => {
  await migrateTo(pg.db, '0017_notifications_unsent_index');
  const kase = (id: string, office: string | null, nationality: string | null) =>
    sql`(${id}, ${`case-${id}`}, 'mx-2026.2', 'asylum', 'Niña', ${office}, ${nationality}, 'cw', 'sup', 'law', false, '2026-03-01T12:00:00Z', 1)`;
  await sql`insert into cases (id, workflow_id, rule_pack, phase, child_name, office, nationality, caseworker_id, supervisor_id, lawyer_id, detained, opened_at, version)
    values ${sql.join([
      kase('C-1', 'cdmx', 'Honduras'),
      kase('C-2', 'COMAR  Tijuána', 'haiti'),
      kase('C-3', 'la oficina de allá', 'hondureña'),
      kase('C-4', 'COMAR CDMX', 'GT'),
      kase('C-5', null, null),
    ])}`.execute(pg.db);

  expect(await migrateToLatest(pg.db)).toContain('0018_lists_offices');

  const cases = await pg.db.selectFrom('cases').select(['id', 'office', 'nationality']).orderBy('id').execute();
  expect(cases).toEqual([
    { id: 'C-1', office: 'COMAR CDMX', nationality: 'HN' },
    { id: 'C-2', office: 'COMAR Tijuana', nationality: 'HT' },
    { id: 'C-3', office: 'la oficina de allá', nationality: 'hondureña' },
    { id: 'C-4', office: 'COMAR CDMX', nationality: 'GT' },
    { id: 'C-5', office: null, nationality: null },
  ]);
  expect(await listMigrationReport(pg.db, true)).toEqual([
    { list: 'nationalities', source: 'cases', rowId: 'C-3', text: 'hondureña', matched: null },
    { list: 'offices', source: 'cases', rowId: 'C-3', text: 'la oficina de allá', matched: null },
  ]);
  expect((await listMigrationReport(pg.db)).filter((r) => r.list === 'offices')).toEqual([
    { list: 'offices', source: 'cases', rowId: 'C-1', text: 'cdmx', matched: 'COMAR CDMX' },
    { list: 'offices', source: 'cases', rowId: 'C-2', text: 'COMAR  Tijuána', matched: 'COMAR Tijuana' },
    { list: 'offices', source: 'cases', rowId: 'C-3', text: 'la oficina de allá', matched: null },
    { list: 'offices', source: 'cases', rowId: 'C-4', text: 'COMAR CDMX', matched: 'COMAR CDMX' },
  ]);

  const offices = await loadOffices(pg.db);
  expect(offices.find((o) => o.name === 'COMAR Tijuana')).toMatchObject({ agency: 'COMAR', zone: 'America/Tijuana', closesAt: '18:00', aliases: ['Tijuana'] });
  expect((await loadPlaces(pg.db)).map((p) => p.id)).toContain('dif-cdmx-casa-hogar');
});

const plazo = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((done) => {
    execFile(resolve(__dirname, '../bin/plazo'), args, { env: { ...process.env, PLAZO_DEBUG: '', DATABASE_URL: pg.url } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });

test('`plazo admin lists report --unmatched` shows what a person must fix; `lists save` refuses a bad entry naming the field', async () => {
  const report = await plazo(['admin', 'lists', 'report', '--unmatched']);
  expect(report).toMatchObject({ code: 0, stderr: '' });
  expect(report.stdout.split('\n').filter(Boolean)).toEqual([
    "nationalities\tcases C-3\t'hondureña'\tNOT MATCHED (left as typed)",
    "offices\tcases C-3\t'la oficina de allá'\tNOT MATCHED (left as typed)",
  ]);
  const bad = await plazo(['admin', 'lists', 'save', 'offices', '--by', 'adm-eva', '--entry', '{"id":"comar-y","name":"COMAR Y","agency":"NASA"}']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toMatch(/^error: entry\.agency: /);
  const shown = await plazo(['admin', 'lists', 'show', 'offices']);
  expect(shown.stdout).toContain('comar-tijuana  COMAR Tijuana');
  expect(shown.stdout).not.toContain('comar-y');
});

test('an admin adds an office; one whose alias another office uses is refused and nothing changes', async () => {
  await migrateToLatest(pg.db);
  await saveListEntry(pg.db, 'offices', { id: 'comar-merida', name: 'COMAR Mérida', agency: 'COMAR', aliases: ['Mérida'] }, 'adm-eva');
  expect((await loadOffices(pg.db)).find((o) => o.id === 'comar-merida')).toMatchObject({ zone: 'America/Mexico_City', closesAt: '18:00' });
  const before = await loadOffices(pg.db);
  await expect(saveListEntry(pg.db, 'offices', { id: 'comar-otra', name: 'COMAR Otra', agency: 'COMAR', aliases: ['merida'] }, 'adm-eva')).rejects.toMatchObject({ field: 'entry.aliases[0]', message: "'merida' already names 'COMAR Mérida'" });
  await expect(saveListEntry(pg.db, 'offices', { id: 'comar-x', name: 'COMAR X', agency: 'COMAR', zone: 'Mars/Olympus' }, 'adm-eva')).rejects.toMatchObject({ field: 'entry.zone' });
  expect(await loadOffices(pg.db)).toEqual(before);
});
