/**
 * `plazo import <cases.xlsx|cases.csv> [--dry-run]`: a caseload from a spreadsheet through the API
 * (supervisors and admins). --dry-run previews: each row's errors in Spanish by column. Without it the
 * good rows are imported in parts of --batch rows, each checked as it goes, with progress after each; running
 * it again resumes where it stopped and changes nothing already done (the file number is the key).
 * `--report` writes the report as CSV; `plazo import-template plazo-casos.xlsx` writes the template.
 * Rows with errors make the exit code 2 (after the report), so a script sees them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { reportCsv, type ImportAnswer } from '../../app/import/importAnswer';
import { ImportRequestSchema } from '../../app/import/importRequest';
import { formatOf } from '../../app/import/readSheet';
import { importTemplate } from '../../app/import/template';
import { DomainInputError } from '../../domain';
import { IMPORT_COLUMN_KEYS, type ImportColumnKey } from '../../domain/import/columns';
import { STATUS_WORDS, summarize, type ImportRowResult } from '../../domain/import/report';
import { ApiClient, checkBody, type ApiOptions } from './apiClient';
import { printJson, type CliIo } from './io';

type Options = ApiOptions & { dryRun?: boolean; report?: string; map?: string[]; batch?: string; json?: boolean };

function readSpreadsheet(path: string): { name: string; contentBase64: string } {
  try {
    return { name: path.split('/').pop()!, contentBase64: readFileSync(path).toString('base64') };
  } catch (e) {
    throw new DomainInputError('file', `cannot read file '${path}' (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** --map fileNumber=Folio (repeatable): the sheet's header a column is read from. */
function mappingOf(pairs: string[] = []): Partial<Record<ImportColumnKey, string>> {
  const mapping: Partial<Record<ImportColumnKey, string>> = {};
  for (const pair of pairs) {
    const [key, ...rest] = pair.split('=');
    if (!(IMPORT_COLUMN_KEYS as readonly string[]).includes(key!) || rest.length === 0) {
      throw new DomainInputError('map', `'${pair}' must be key=Header with a key among ${IMPORT_COLUMN_KEYS.join(', ')}`);
    }
    mapping[key as ImportColumnKey] = rest.join('=');
  }
  return mapping;
}

const errorLines = (rows: ImportRowResult[]) => rows.flatMap((r) => r.errors.map((e) => `  fila ${r.row}${r.fileNumber ? ` (${r.fileNumber})` : ''}, ${e.column ? `«${e.column}»` : 'fila'}: ${e.message}`));

function summaryText(rows: ImportRowResult[], dryRun: boolean): string {
  const { byStatus } = summarize(rows);
  const counts = Object.entries(byStatus).map(([status, n]) => `${n} ${STATUS_WORDS[status as keyof typeof STATUS_WORDS]}`);
  const alarms = rows.reduce((n, r) => n + r.alarmsNow.length, 0);
  const notSent = rows.reduce((n, r) => n + r.notSent, 0);
  return [
    `${dryRun ? 'vista previa (nada se guardó; sin --dry-run se importa)' : 'importación'}: ${rows.length} filas: ${counts.join(', ')}`,
    `alarmas que saldrían al importar: ${alarms}; avisos de antes de Plazo que no se envían (un resumen por persona): ${notSent}`,
    ...errorLines(rows),
  ].join('\n');
}

export function registerImportCommand(program: Command, io: CliIo): void {
  const cmd = program
    .command('import')
    .description('import existing cases and their past events from a spreadsheet (.xlsx or .csv; supervisors and admins)')
    .argument('<file>', 'the spreadsheet')
    .option('--dry-run', 'preview only: each row checked, its deadlines and alarms; nothing stored')
    .option('--map <key=Header...>', "read a column from another header, e.g. fileNumber=Folio ('key=' leaves it out)")
    .option('--batch <rows>', 'rows per request while importing (progress after each)', '100')
    .option('--report <file.csv>', 'write the report (one line per error or per row) as CSV')
    .option('--api <url>', 'API address (default: PLAZO_API_URL or http://localhost:3000)')
    .option('--token <token>', 'your API token (default: PLAZO_TOKEN)')
    .option('--json', 'print the API answer as JSON');
  cmd.action(async (file: string, o: Options) => {
    const batch = Number(o.batch ?? '100');
    if (!Number.isInteger(batch) || batch < 1 || batch > 5000) throw new DomainInputError('batch', 'must be a whole number of rows from 1 to 5000');
    const body = checkBody(ImportRequestSchema, { file: readSpreadsheet(file), mapping: mappingOf(o.map) });
    const api = new ApiClient(o);
    let answer: ImportAnswer | undefined;
    const rows: ImportRowResult[] = [];
    if (o.dryRun) {
      answer = await api.request<ImportAnswer>('POST', '/api/import/preview', body);
      rows.push(...answer.rows);
    } else {
      // Each part is checked again by the server as it is imported: no separate preview first.
      for (let from = 2; answer === undefined || from <= answer.totalRows + 1; from += batch) {
        answer = await api.request<ImportAnswer>('POST', '/api/import', { ...body, fromRow: from, toRow: from + batch - 1 });
        rows.push(...answer.rows);
        if (!o.json) io.err(`… ${rows.length}/${answer.totalRows} filas`);
      }
    }
    if (o.report) writeFileSync(o.report, reportCsv(rows));
    if (o.json) printJson(io, { ...answer, summary: summarize(rows), rows });
    else io.out(summaryText(rows, !!o.dryRun));
    const bad = rows.filter((r) => r.status === 'error' || r.status === 'failed').length;
    if (bad > 0) throw new DomainInputError('file', `${bad} ${bad === 1 ? 'fila no se importa' : 'filas no se importan'}: corríjalas y vuelva a importar la hoja (lo ya importado no cambia)`);
  });

  program
    .command('import-template')
    .description('write the import template (Spanish headers and an example row) as .xlsx or .csv')
    .argument('<file>', 'where to write it: plazo-casos.xlsx or plazo-casos.csv')
    .action(async (file: string) => {
      const format = (() => {
        try {
          return formatOf(file);
        } catch (err) {
          throw new DomainInputError('file', (err as Error).message);
        }
      })();
      writeFileSync(file, await importTemplate(format));
      io.out(`plantilla escrita en ${file}`);
    });
}
