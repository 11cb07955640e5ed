/** What a preview or an import answers (the API's JSON, the CLI's and the pages' view), and the report as CSV. */
import { stringify } from 'csv-stringify/sync';
import { reportLines, summarize, type ImportRowResult } from '../../domain/import/report';
import type { Lang } from '../../domain/messages/catalogue';
import type { PreparedImport } from './previewRows';

export const importAnswer = (p: PreparedImport) => ({ headers: p.headers, totalRows: p.totalRows, mapping: p.mapping, summary: summarize(p.rows.map((r) => r.result)), rows: p.rows.map((r) => r.result) });
export type ImportAnswer = ReturnType<typeof importAnswer>;

/** The report to download in the reader's language: a BOM and CRLF so Excel reads the accents, `;` quoted for Spanish locales. */
export const reportCsv = (rows: ImportRowResult[], lang: Lang = 'es') => stringify(reportLines(rows, lang), { bom: true, record_delimiter: 'windows', quoted_match: /;/ });
