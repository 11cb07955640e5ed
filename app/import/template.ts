/** The template a program fills in: the columns' Spanish headers, an example row, and what to write in each. */
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS } from '../../domain/import/columns';
import { ApiError } from '../errors';
import type { SheetFormat } from './readSheet';

export async function importTemplate(format: SheetFormat): Promise<Buffer> {
  const headers = IMPORT_COLUMNS.map((c) => c.header);
  const example = IMPORT_COLUMNS.map((c) => c.example);
  if (format === 'csv') return Buffer.from(`\uFEFF${stringify([headers, example])}`, 'utf8');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Casos');
  ws.addRow(headers).font = { bold: true };
  ws.addRow(example);
  IMPORT_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.max(14, c.header.length + 2);
    // Dates stay as typed text: a cell Excel turns into its own date format reads back the same way.
    column.numFmt = '@';
    ws.getCell(1, i + 1).note = `${c.required ? 'Obligatorio. ' : ''}${c.hint}`;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const help = wb.addWorksheet('Instrucciones');
  help.addRow(['Columna', 'Obligatoria', 'Qué escribir']).font = { bold: true };
  for (const c of IMPORT_COLUMNS) help.addRow([c.header, c.required ? 'sí' : 'no', c.hint]);
  help.addRow([]);
  help.addRow(['Una fila por caso. Borre la fila de ejemplo. Importar la misma hoja otra vez no cambia nada: el expediente identifica el caso.']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The template as a download (the API's route and the import page's link): template.xlsx or template.csv. */
export async function templateDownload(format: string): Promise<{ type: string; disposition: string; bytes: Buffer }> {
  if (format !== 'xlsx' && format !== 'csv') throw new ApiError(404, 'not_found', 'the template is template.xlsx or template.csv', 'format');
  const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8';
  return { type, disposition: `attachment; filename="plazo-casos.${format}"`, bytes: await importTemplate(format) };
}
