/**
 * A spreadsheet's bytes as header and rows of text: XLSX through exceljs (maintained, reads and writes
 * the workbook, so the template is written by the same library), CSV through csv-parse (the same
 * project as csv-stringify, already used for exports). Dates typed as dates in Excel become YYYY-MM-DD.
 * Too large a file or too many rows is refused naming `file`, before anything is read further.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { ApiError } from '../errors';

/** The largest file taken: a caseload of thousands of rows is well under it. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The most data rows one sheet may have: more is split into several files. */
export const MAX_IMPORT_ROWS = 5_000;

export interface Sheet {
  headers: string[];
  /** Data rows (the header left out), each as the cells' text. */
  rows: string[][];
}

export type SheetFormat = 'xlsx' | 'csv';

export function formatOf(fileName: string): SheetFormat {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'csv') return ext;
  throw new ApiError(422, 'invalid_request', `must be a .xlsx or .csv file (got '${fileName}')`, 'file.name');
}

export async function readSheet(bytes: Buffer, fileName: string): Promise<Sheet> {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ApiError(413, 'too_large', `the file is ${(bytes.length / 1024 / 1024).toFixed(1)} MiB; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB: split it into several files`, 'file');
  if (bytes.length === 0) throw new ApiError(422, 'invalid_request', 'the file is empty', 'file');
  const table = formatOf(fileName) === 'xlsx' ? await xlsxTable(bytes) : csvTable(bytes);
  const [headers = [], ...rest] = table;
  const rows = rest.filter((r) => r.some((c) => c.trim() !== ''));
  if (headers.every((h) => h.trim() === '')) throw new ApiError(422, 'invalid_request', 'the first row must hold the column headers', 'file');
  if (rows.length > MAX_IMPORT_ROWS) throw new ApiError(413, 'too_large', `the sheet has ${rows.length} rows; at most ${MAX_IMPORT_ROWS}: split it into several files`, 'file');
  return { headers: headers.map((h) => h.trim()), rows };
}

async function xlsxTable(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new ApiError(422, 'invalid_request', `is not a readable .xlsx workbook (${(err as Error).message})`, 'file');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ApiError(422, 'invalid_request', 'the workbook has no sheet', 'file');
  if (ws.rowCount > MAX_IMPORT_ROWS + 1) throw new ApiError(413, 'too_large', `the sheet has ${ws.rowCount - 1} rows; at most ${MAX_IMPORT_ROWS}: split it into several files`, 'file');
  const table: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => (cells[c - 1] = cellText(cell.value)));
    table[n - 1] = Array.from(cells, (c) => c ?? '');
  });
  return Array.from(table, (r) => r ?? []);
}

/** A cell as text: a date cell as its day (exceljs reads Excel's serial days as UTC midnights). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
  }
  return String(v);
}

function csvTable(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  // Spreadsheets saved in Spanish locales separate with ';'.
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, to: MAX_IMPORT_ROWS + 2 }) as string[][];
  } catch (err) {
    throw new ApiError(422, 'invalid_request', `is not a readable CSV file (${(err as Error).message})`, 'file');
  }
}
