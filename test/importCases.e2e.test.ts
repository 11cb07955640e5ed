/**
 * Moving a caseload in (issue 27 item 2), on the Temporal dev server, real Postgres and real SMTP: a
 * 1,000-row XLSX with 20 bad rows. The preview names each bad row and its column, in Spanish; the CLI
 * imports the 980 good ones with the deadlines the preview computed and no email for a step that fell due
 * before the case was in Plazo; a second import of the same sheet adds nothing. Dates are counted back
 * from today, so the test holds on any day.
 *
 * 980 workflows opened, each with its past events at the opening (one workflow task each), waited for
 * together in the read model; every row's deadlines counted by the preview and again by the workflow.
 * The CLI's default batch of 100 rows keeps each request well inside the client's five-minute wait on a
 * busy machine. The timeout allows twenty minutes, so a machine shared with other work does not fail it.
 */
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import/columns';
import { BEFORE_PLAZO_GRACE_MS } from '../domain/case/deadlineOpening';
import type { ImportAnswer } from '../app/import/importAnswer';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

const BIN = resolve(__dirname, '../bin/plazo');
const ROWS = 1000;
const LONG = 20 * 60_000;
let h: ApiHarness;
const dir = mkdtempSync(join(tmpdir(), 'plazo-import-'));
const sheetPath = join(dir, 'casos.xlsx');
const smallPath = join(dir, 'primeras.xlsx');

beforeAll(async () => {
  h = await startApiHarness('import-cases');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

function plazo(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(BIN, args, { env: { ...process.env, PLAZO_DEBUG: '', PLAZO_API_URL: h.base, PLAZO_TOKEN: h.tokens.eva }, maxBuffer: 64 * 1024 * 1024, timeout: LONG }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

type Row = Partial<Record<ImportColumnKey, string>>;
const fileNumber = (i: number) => `IMP-${String(i).padStart(4, '0')}`;

/** A good row: entered 30–89 days ago; a third only notified, a third with a claim filed, a third denied after it. */
function goodRow(i: number): Row {
  const entered = 30 + (i % 60);
  const row: Row = {
    fileNumber: fileNumber(i),
    childName: `Niña Importada ${i}`,
    birthDate: daysAgo(365 * 12 + (i % 300)),
    nationality: i % 2 ? 'Honduras' : 'GT',
    entryDate: daysAgo(entered),
    office: i % 2 ? 'COMAR CDMX' : 'tijuana',
    caseworker: STAFF.ana.email,
    supervisor: STAFF.beto.id,
    lawyer: STAFF.carla.email,
    procuraduriaNotified: daysAgo(entered - 1),
  };
  if (i % 3 >= 1) row.asylumClaimFiled = daysAgo(entered - 10);
  if (i % 3 === 2) Object.assign(row, { decisionNotified: daysAgo(5), decisionOutcome: 'negado' });
  return row;
}

/** The 20 bad rows: each spoils one column, as people do; the column the preview must name. */
const BAD: [ImportColumnKey, (r: Row) => Row][] = [
  ['birthDate', (r) => ({ ...r, birthDate: '30/02/2013' })],
  ['entryDate', (r) => ({ ...r, entryDate: daysAgo(-30) })],
  ['office', (r) => ({ ...r, office: 'Oficina de Marte' })],
  ['nationality', (r) => ({ ...r, nationality: 'Atlántida' })],
  ['caseworker', (r) => ({ ...r, caseworker: 'nadie@ong.test' })],
  ['childName', (r) => ({ ...r, childName: undefined })],
  ['fileNumber', (r) => ({ ...r, fileNumber: fileNumber(1) })],
  ['decisionOutcome', (r) => ({ ...r, decisionNotified: daysAgo(5), decisionOutcome: 'quizá' })],
  ['decisionNotified', (r) => ({ ...r, asylumClaimFiled: undefined, decisionNotified: daysAgo(5), decisionOutcome: 'negado' })],
  ['procuraduriaNotified', (r) => ({ ...r, procuraduriaNotified: daysAgo(200) })],
  ['birthDate', (r) => ({ ...r, birthDate: daysAgo(365 * 20) })],
  ['decisionOutcome', (r) => ({ ...r, decisionNotified: undefined, decisionOutcome: 'negado' })],
  ['lawyer', (r) => ({ ...r, lawyer: STAFF.ana.id })],
  ['openedAt', (r) => ({ ...r, openedAt: 'ayer' })],
];
const badAt = new Map(Array.from({ length: 20 }, (_, k) => [50 * k + 7, BAD[k % BAD.length]!] as const));

async function writeSheet(path: string, rows: number): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Casos');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (let i = 1; i <= rows; i++) {
    const bad = badAt.get(i);
    const row = bad ? bad[1](goodRow(i)) : goodRow(i);
    ws.addRow(IMPORT_COLUMNS.map((c) => row[c.key] ?? ''));
  }
  await wb.xlsx.writeFile(path);
}

const body = () => ({ file: { name: 'casos.xlsx', contentBase64: readFileSync(sheetPath).toString('base64') } });
const count = async (table: 'cases' | 'case_timeline', where?: (q: any) => any) => {
  let q = h.pg.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
  if (where) q = where(q);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
const EVENT_TYPES = ['entered_mexico', 'procuraduria_notified', 'asylum_claim_filed', 'decision_notified'];

test('1,000 rows, 20 bad: the preview names each; the import opens 980 with their deadlines and no stale email; a second import adds nothing', async () => {
  await writeSheet(sheetPath, ROWS);
  await writeSheet(smallPath, 60);

  // The preview: each bad row, and only those, with the column at fault and a Spanish message.
  const previewedAt = Date.now();
  const preview = await h.http('POST', '/api/import/preview', { as: 'eva', body: body() });
  expect(preview.status).toBe(200);
  const p = preview.json as ImportAnswer;
  expect(p.rows).toHaveLength(ROWS);
  expect(p.summary.byStatus).toEqual({ new: 980, error: 20 });
  const header = (k: ImportColumnKey) => IMPORT_COLUMNS.find((c) => c.key === k)!.header;
  for (const r of p.rows) {
    const bad = badAt.get(r.row - 1);
    if (!bad) {
      expect({ row: r.row, errors: r.errors }).toEqual({ row: r.row, errors: [] });
      expect(r.deadlines.length).toBeGreaterThan(0);
      continue;
    }
    expect(r.status).toBe('error');
    expect({ row: r.row, columns: r.errors.map((e) => e.column) }).toEqual({ row: r.row, columns: [header(bad[0])] });
    // Spanish, and never the generic fallback for a field the pages know.
    expect(r.errors[0]!.message).not.toMatch(/ the | is |must/);
  }
  expect(p.rows.find((r) => r.row === 8)!.errors[0]!.message).toBe('La fecha de nacimiento: esa fecha no existe (escríbala AAAA-MM-DD).');
  // Nothing stored by a preview.
  expect(await count('cases')).toBe(0);

  // The CLI's dry run (of the first 60 rows: the whole sheet was just previewed) says the same, by row and column, and exits 2.
  const dry = await plazo(['import', smallPath, '--dry-run']);
  expect(dry.code).toBe(2);
  expect(dry.stdout).toContain('60 filas: 58 se abrirá, 2 con errores: no se importa');
  expect(dry.stdout).toContain('fila 58 (IMP-0057), «Fecha de ingreso a México»: La fecha de ingreso a México: está en el futuro.');
  expect(dry.stdout).toContain('fila 8 (IMP-0007), «Fecha de nacimiento»: La fecha de nacimiento: esa fecha no existe');
  expect(await count('cases')).toBe(0);

  // The import, through the CLI, in parts, with the report written.
  const startedAt = Date.now();
  const reportPath = join(dir, 'informe.csv');
  const run = await plazo(['import', sheetPath, '--batch', '100', '--report', reportPath]);
  expect(run.stderr).toContain('… 1000/1000 filas');
  expect(run.code).toBe(2); // the 20 rows with errors
  expect(run.stdout).toContain('1000 filas: 980 abierto, 20 con errores: no se importa');
  expect(await count('cases')).toBe(980);
  const report = readFileSync(reportPath, 'utf8');
  expect(report.split('\r\n')[0]).toBe('\uFEFFFila,Expediente,Estado,Caso,Columna,Error,Plazos,Alarmas al importar,Avisos no enviados (antes de Plazo)');
  expect(report).toContain('8,IMP-0007,con errores: no se importa,,Fecha de nacimiento,');

  // Each case with the deadlines the preview computed (due dates as counted, per rule).
  const cases = await h.pg.db.selectFrom('cases').select(['id', 'file_number']).execute();
  const byFile = new Map(cases.map((c) => [c.file_number!, c.id]));
  const deadlines = await h.pg.db.selectFrom('case_deadlines').select(['case_id', 'deadline_id', 'rule_id', 'due', 'status']).execute();
  const ofCase = new Map<string, string[]>();
  for (const d of deadlines) ofCase.set(d.case_id, [...(ofCase.get(d.case_id) ?? []), `${d.rule_id} ${d.due} ${d.status}`]);
  for (const r of p.rows.filter((x) => x.status === 'new')) {
    const id = byFile.get(r.fileNumber!);
    expect({ file: r.fileNumber, opened: !!id }).toEqual({ file: r.fileNumber, opened: true });
    // The same deadlines, due the same day; a term that ran out between the preview and now (its day
    // ended meanwhile) may be missed by now, and only such a term.
    const lapsed = (x: string) => x.replace(/ missed$/, ' open');
    const stored = ofCase.get(id!) ?? [];
    expect(stored.map(lapsed).sort()).toEqual(r.deadlines.map((d) => lapsed(`${d.ruleId} ${d.due} ${d.status}`)).sort());
    for (const d of r.deadlines) {
      const now = stored.find((x) => lapsed(x) === lapsed(`${d.ruleId} ${d.due} ${d.status}`))!;
      if (d.status === 'missed') expect(now).toBe(`${d.ruleId} ${d.due} missed`);
      else if (now.endsWith(' missed')) expect({ file: r.fileNumber, lapsedSincePreview: Date.parse(d.dueInstant) >= previewedAt - 86_400_000 }).toEqual({ file: r.fileNumber, lapsedSincePreview: true });
    }
  }

  // No stale email: every message sent for these cases is for a step due after they were in Plazo
  // (the latest within the grace goes out at once, as for any late entry); the older ones are noted as not sent.
  const sent = await h.pg.db.selectFrom('notifications').select(['case_id', 'step', 'scheduled_for']).where('case_id', 'is not', null).execute();
  for (const n of sent) {
    if (n.scheduled_for) expect({ case: n.case_id, step: n.step, stale: n.scheduled_for.getTime() < startedAt - BEFORE_PLAZO_GRACE_MS - 60_000 }).toMatchObject({ stale: false });
  }
  expect(await count('case_timeline', (q) => q.where('type', '=', 'notification_not_sent'))).toBeGreaterThan(0);
  // Each of the three people holding the 980 cases gets the import's summary, however many cases they hold (an
  // email listing all 980 was refused by the ledger's bound, and nobody got one): sent, and within the bound.
  const summaries = await eventually(async () => {
    const rows = await h.pg.db.selectFrom('notifications').select(['recipient', 'status', 'body']).where('step', '=', 'import_summary').orderBy('recipient').execute();
    expect(rows.map((r) => [r.recipient, r.status])).toEqual([STAFF.ana.email, STAFF.beto.email, STAFF.carla.email].sort().map((e) => [e, 'sent']));
    return rows;
  }, 60_000);
  for (const r of summaries) expect(r.body).toMatch(/(no caben en este correo; arriba, los más urgentes\. Todos, con sus plazos por fecha|do not fit in this email; above, the most pressing\. All of them, with their deadlines by date): http\S*\/agenda$/);

  // A second import of the same sheet changes nothing: no case, no event.
  const events = await count('case_timeline', (q) => q.where('type', 'in', EVENT_TYPES));
  const again = await plazo(['import', sheetPath, '--batch', '500']);
  expect(again.stdout).toContain('1000 filas: 980 ya en Plazo: sin cambios, 20 con errores: no se importa');
  expect(await count('cases')).toBe(980);
  expect(await count('case_timeline', (q) => q.where('type', 'in', EVENT_TYPES))).toBe(events);
}, LONG);

test('a file too large or not a spreadsheet is refused naming the field, and nothing is stored', async () => {
  const big = await h.http('POST', '/api/import/preview', { as: 'eva', body: { file: { name: 'casos.csv', contentBase64: 'A'.repeat(7_100_000) } } });
  expect(big.status).toBe(400);
  expect(big.json.error).toMatchObject({ field: 'file.contentBase64', message: 'the file is larger than 5 MiB: split it into several files' });
  const huge = await h.http('POST', '/api/import/preview', { as: 'eva', raw: JSON.stringify({ file: { name: 'x.csv', contentBase64: 'A'.repeat(9 * 1024 * 1024) } }), headers: { 'content-type': 'application/json' } });
  expect(huge.status).toBe(413);
  expect(huge.json.error).toMatchObject({ field: 'body', message: 'the body is larger than 8 MiB' });
  const pdf = await h.http('POST', '/api/import/preview', { as: 'eva', body: { file: { name: 'casos.pdf', contentBase64: 'QUJD' } } });
  expect(pdf.json.error).toMatchObject({ field: 'file.name', message: "must be a .xlsx or .csv file (got 'casos.pdf')" });
  const notXlsx = await h.http('POST', '/api/import/preview', { as: 'eva', body: { file: { name: 'casos.xlsx', contentBase64: 'QUJD' } } });
  expect(notXlsx.json.error).toMatchObject({ field: 'file' });
  const noColumns = await h.http('POST', '/api/import/preview', { as: 'eva', body: { file: { name: 'casos.csv', contentBase64: Buffer.from('Nombre\nAna\n').toString('base64') } } });
  expect(noColumns.json.error).toMatchObject({ field: 'mapping.fileNumber', message: expect.stringContaining("the sheet has no column for 'Expediente'") });
  const csv = await h.http('GET', '/api/import/template.csv', { as: 'eva' });
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  // fetch's text() drops the BOM the file starts with (for Excel).
  expect(csv.text.split('\n')[0]).toBe(IMPORT_COLUMNS.map((c) => c.header).join(','));
  expect((await h.http('GET', '/api/import/template.xlsx', { as: 'ana' })).status).toBe(403);
});
