/**
 * An import's summaries and its background run (issue 27 item 2), over real HTTP against Temporal, a
 * worker, Postgres and SMTP: a 30-row sheet whose cases share a caseworker, supervisor and lawyer is
 * imported in the background (POST /api/import with Prefer: respond-async → 202, then GET the run until
 * it is done, its report as CSV); each case carries the import's id, so none sends a summary of its own
 * (workflows/importCase.test.ts shows that on the time-skipping server); the import sends exactly one
 * summary per person, listing all 30 cases; importing the same sheet again sends none.
 */
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import/columns';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('import-summary');
}, 180_000);
afterAll(async () => {
  await h?.teardown();
});

const ROWS = 30;
const sheet = (): string => {
  const rows = Array.from({ length: ROWS }, (_, k): Partial<Record<ImportColumnKey, string>> => ({
    fileNumber: `SUM-${String(k + 1).padStart(2, '0')}`,
    childName: `Niño Resumen ${k + 1}`,
    birthDate: daysAgo(365 * 12 + k),
    nationality: 'Honduras',
    entryDate: daysAgo(60 + k),
    office: 'COMAR CDMX',
    caseworker: STAFF.ana.email,
    supervisor: STAFF.beto.id,
    lawyer: STAFF.carla.email,
    procuraduriaNotified: daysAgo(59 + k),
  }));
  return Buffer.from(stringify([IMPORT_COLUMNS.map((c) => c.header), ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))])).toString('base64');
};
const summaries = () => h.pg.db.selectFrom('notifications').select(['recipient', 'subject', 'body', 'idempotency_key']).where('step', '=', 'import_summary').execute();

test('30 cases of the same three people, imported in the background: one summary per person for the import, none per case; a second import sends none', async () => {
  const body = { file: { name: 'casos.csv', contentBase64: sheet() } };
  const started = await h.http('POST', '/api/import', { as: 'beto', body, headers: { prefer: 'respond-async' } });
  expect(started.status).toBe(202);
  const url = started.headers.get('location')!;
  expect(url).toMatch(/^\/api\/import\/runs\/[0-9a-f-]{36}$/);
  expect(started.json).toMatchObject({ url, status: 'running', fileName: 'casos.csv', answer: null });

  // The run's progress, asked as a client would, until it is done.
  const seen: number[] = [];
  const run = await eventually(async () => {
    const r = await h.http('GET', url, { as: 'beto' });
    expect(r.status).toBe(200);
    seen.push(r.json.done);
    if (r.json.status !== 'done') throw new Error(`still ${r.json.status}: ${r.json.done}/${r.json.total}`);
    return r.json;
  }, 240_000, 500);
  expect(run).toMatchObject({ total: ROWS, done: ROWS, opened: ROWS, resumed: 0, failed: 0, error: null });
  expect(run.answer.summary).toEqual({ rows: ROWS, byStatus: { opened: ROWS } });
  expect(seen.every((n, i) => i === 0 || n >= seen[i - 1]!)).toBe(true);
  // Its report, in Spanish; another person does not see the run.
  const csv = await h.http('GET', `${url}?format=csv`, { as: 'beto' });
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Fila,Expediente,Estado,Caso,Columna,Error,Plazos,Alarmas al importar,Avisos no enviados (antes de Plazo)');
  expect(csv.text.split('\r\n').filter((l) => l.includes(',SUM-'))).toHaveLength(ROWS);
  expect((await h.http('GET', url, { as: 'sofia' })).status).toBe(404);

  // Every case carries the import's id (its workflow sends no summary of its own), and the import's are one per person.
  const cases = await h.pg.db.selectFrom('cases').select(['id', 'import_run']).execute();
  expect(cases).toHaveLength(ROWS);
  const importRun = cases[0]!.import_run!;
  expect(importRun).toMatch(/^[0-9a-f]{24}$/);
  expect(cases.every((c) => c.import_run === importRun)).toBe(true);
  const sent = await eventually(async () => {
    const s = await summaries();
    if (s.length < 3) throw new Error(`${s.length} summaries so far`);
    return s;
  }, 60_000);
  expect(sent.map((s) => s.recipient).sort()).toEqual([STAFF.ana.email, STAFF.beto.email, STAFF.carla.email].sort());
  expect(sent.map((s) => s.idempotency_key).sort()).toEqual([STAFF.ana.id, STAFF.beto.id, STAFF.carla.id].map((id) => `import-summary/${importRun}/${id}`).sort());
  // Each in the reader's language (Beto reads English), listing the 30 cases with what is open on each.
  const beto = sent.find((s) => s.recipient === STAFF.beto.email)!;
  expect(beto.subject).toBe('[Plazo] 30 cases imported for you: what is still open');
  const ana = sent.find((s) => s.recipient === STAFF.ana.email)!;
  expect(ana.subject).toBe('[Plazo] 30 casos suyos importados: lo que sigue abierto');
  for (const c of cases) expect(ana.body).toContain(`${c.id} (SUM-`);
  expect(ana.body).toMatch(/vence/);
  expect(await h.pg.db.selectFrom('notifications').select('id').where('step', '=', 'summary').execute()).toEqual([]);

  // The same sheet again, synchronously: nothing changes and no summary goes out again.
  const again = await h.http('POST', '/api/import', { as: 'beto', body });
  expect(again.status).toBe(200);
  expect(again.json.summary).toEqual({ rows: ROWS, byStatus: { unchanged: ROWS } });
  await new Promise((r) => setTimeout(r, 3000));
  expect(await summaries()).toHaveLength(3);
  expect(h.mail.messages.filter((m) => m.headers['x-plazo-idempotency-key']?.startsWith('import-summary/'))).toHaveLength(3);
}, 420_000);

test('an unreadable file is refused at once, nothing started', async () => {
  const r = await h.http('POST', '/api/import', { as: 'beto', body: { file: { name: 'casos.xlsx', contentBase64: 'QUJD' } }, headers: { prefer: 'respond-async' } });
  expect(r.status).toBe(422);
  expect(r.json.error.field).toBe('file');
  expect(await h.pg.db.selectFrom('import_runs').select('id').where('file_name', '=', 'casos.xlsx').execute()).toEqual([]);
});
