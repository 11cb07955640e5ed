/** What a preview or an import answers (the API's JSON, the CLI's and the pages' view), and the report as CSV. */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { ImportRowResultSchema, ImportSummarySchema, reportLines, summarize, type ImportRowResult } from '../../domain/import/report';
import type { Lang } from '../../domain/messages/catalogue';
import type { PreparedImport } from './previewRows';

export const ImportAnswerSchema = z.object({
  /** The sheet's headers, as written. */
  headers: z.array(z.string()),
  /** The sheet's data rows, all of them (`rows` holds the range asked for). */
  totalRows: z.number().int(),
  /** The sheet's header each field is read from. */
  mapping: z.record(z.string(), z.string()),
  summary: ImportSummarySchema,
  rows: z.array(ImportRowResultSchema),
});
export type ImportAnswer = z.output<typeof ImportAnswerSchema>;

export const importAnswer = (p: PreparedImport): ImportAnswer => ({ headers: p.headers, totalRows: p.totalRows, mapping: p.mapping as Record<string, string>, summary: summarize(p.rows.map((r) => r.result)), rows: p.rows.map((r) => r.result) });

/** The report to download in the reader's language: a BOM and CRLF so Excel reads the accents, `;` quoted for Spanish locales. */
export const reportCsv = (rows: ImportRowResult[], lang: Lang = 'es') => stringify(reportLines(rows, lang), { bom: true, record_delimiter: 'windows', quoted_match: /;/ });
