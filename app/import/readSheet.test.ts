import ExcelJS from 'exceljs';
import { autoMap, IMPORT_COLUMNS, mapRow } from '../../domain/import/columns';
import { ApiError } from '../errors';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readSheet } from './readSheet';
import { importTemplate } from './template';

const refusal = async (p: Promise<unknown>) => p.then(() => null, (e: ApiError) => ({ status: e.status, field: e.field, message: e.message }));

test('the template, in either format, reads back as its headers and example row, every column mapped', async () => {
  for (const format of ['xlsx', 'csv'] as const) {
    const sheet = await readSheet(await importTemplate(format), `plantilla.${format}`);
    expect(sheet.headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(sheet.rows).toHaveLength(1);
    const row = mapRow(sheet.rows[0]!, autoMap(sheet.headers));
    expect(row).toMatchObject({ fileNumber: 'EXP-2026-0001', childName: 'María López', birthDate: '2012-03-14' });
  }
});

test('an Excel date cell is its day; formulas give their result; blank rows are skipped', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Casos');
  ws.addRow(['Expediente', 'Fecha de nacimiento', 'Nombre']);
  ws.addRow([]);
  ws.addRow(['E-1', new Date(Date.UTC(2012, 2, 14)), { formula: '"Ana"&" López"', result: 'Ana López' }]);
  const sheet = await readSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'casos.xlsx');
  expect(sheet.rows).toEqual([['E-1', '2012-03-14', 'Ana López']]);
});

test("a CSV saved by a Spanish-locale spreadsheet (';', BOM, quotes) reads as typed", async () => {
  const csv = Buffer.from('\uFEFFExpediente;Nombre;Nota\r\nE-1;"López; María";"dijo ""hola"""\r\n', 'utf8');
  expect(await readSheet(csv, 'casos.CSV')).toEqual({ headers: ['Expediente', 'Nombre', 'Nota'], rows: [['E-1', 'López; María', 'dijo "hola"']] });
});

test('too large, too many rows, empty or unreadable files are refused naming the file', async () => {
  expect(await refusal(readSheet(Buffer.alloc(MAX_IMPORT_BYTES + 1, 65), 'casos.csv'))).toMatchObject({ status: 413, field: 'file', message: expect.stringContaining('at most 5 MiB') });
  const many = Buffer.from(`Expediente\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `E-${i}`).join('\n')}\n`);
  expect(await refusal(readSheet(many, 'casos.csv'))).toEqual({ status: 413, field: 'file', message: `the sheet has ${MAX_IMPORT_ROWS + 1} rows; at most ${MAX_IMPORT_ROWS}: split it into several files` });
  expect(await refusal(readSheet(Buffer.alloc(0), 'casos.csv'))).toMatchObject({ status: 422, field: 'file', message: 'the file is empty' });
  expect(await refusal(readSheet(Buffer.from('no soy un zip'), 'casos.xlsx'))).toMatchObject({ status: 422, field: 'file', message: expect.stringContaining('is not a readable .xlsx workbook') });
  expect(await refusal(readSheet(Buffer.from('x'), 'casos.ods'))).toMatchObject({ status: 422, field: 'file.name' });
});
