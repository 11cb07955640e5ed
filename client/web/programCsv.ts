/**
 * CSV exports of the program's figures, written as csv-stringify writes them (the test checks this against
 * it, cell by cell, with hostile cells): RFC 4180 quoting, CRLF, a BOM for Excel. Written by hand because the
 * deadlines export is 55,000 rows at 50,000 cases and csv-stringify's per-row options work was ~2/3 of
 * its time (issue 28); what the library decided is one rule, `needsQuotes` below. The deadlines export's
 * records are written by Postgres by the same rule (app/program/deadlineExportRecords.ts; its test compares
 * the whole file with this writer's).
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is written with a leading
 * apostrophe (OWASP "CSV injection"): names and notes are typed by people. A cell holding a `;` is
 * quoted as one holding a `,` is: where the list separator is `;` (Mexico's Excel among others) an
 * unquoted `x;=cmd` would open as two cells, the second a live formula.
 */
import type { ProgramFigures } from '../../app/program/programFigures';

const FORMULA_START = /^[=+\-@\t\r]/;
const safeCell = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);

export function toCsv(rows: Record<string, string>[], columns?: string[]): string {
  return csvPart(rows, columns ?? Object.keys(rows[0] ?? {}), true);
}

/** Quoted: a cell holding the separator, a quote, a line break, or a `;` (the list separator of other locales). */
const needsQuotes = /[",;\r\n]/;
const cell = (v: string) => (needsQuotes.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Rows of a CSV written in parts: the first part carries the byte-order mark and the header. */
function csvPart(rows: Record<string, string>[], columns: string[], first: boolean): string {
  let out = first ? `\uFEFF${columns.map(cell).join(',')}\r\n` : '';
  for (const r of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) line += (i ? ',' : '') + cell(safeCell(r[columns[i]!] ?? ''));
    out += `${line}\r\n`;
  }
  return out;
}

/** A CSV whose records come written (CRLF after each) as they are read, the header first even when there are none. */
export async function* csvStream(records: AsyncIterable<string>, columns: string[]): AsyncGenerator<string> {
  yield csvPart([], columns, true);
  yield* records;
}

/** One row per measured item: each COMAR decision, BID and detention, with its term and whether it was over it. */
export function complianceRows(f: ProgramFigures): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const add = (measure: string, unit: string, list: ProgramFigures['comar']['measures']) => {
    for (const m of list) {
      rows.push({
        measure,
        case_id: m.caseId,
        office: m.office ?? '',
        start: m.start,
        end: m.end ?? '',
        pending: String(m.pending),
        value: String(m.value),
        unit,
        limit: String(m.limit),
        over_limit: String(m.over),
      });
    }
  };
  add('comar_decision', 'business_days', f.comar.measures);
  add('bid', 'calendar_days', f.bid.measures);
  add('detention', 'hours', f.detention.measures);
  return rows;
}

export const COMPLIANCE_COLUMNS = ['measure', 'case_id', 'office', 'start', 'end', 'pending', 'value', 'unit', 'limit', 'over_limit'];
