/**
 * What a preview or an import says of each row: its status, its errors by column, the deadlines the case
 * would have (or has) and the alarms that would go out at once. The same rows make the downloadable
 * report (CSV, in the reader's language), one line per error, or one per row without errors.
 */
import { z } from 'zod';
import { catalogue, roleLabel, ruleText, statusLabel, type Lang } from '../messages/catalogue';
import { stepName } from '../messages/computationText';

export const IMPORT_ROW_STATUSES = ['error', 'new', 'exists', 'opened', 'resumed', 'unchanged', 'failed'] as const;
/** Spanish words of each status, as the report and the pages show them: the catalogue's, written once. */
export const STATUS_WORDS: Record<(typeof IMPORT_ROW_STATUSES)[number], string> = catalogue('es').importPage.statuses;

export const ImportRowErrorSchema = z.object({
  /** The sheet's header of the column at fault (the template's when the sheet had none). */
  column: z.string().nullable(),
  /** The API field the validators named. */
  field: z.string().nullable(),
  /** In the reader's language. */
  message: z.string(),
});
export type ImportRowError = z.output<typeof ImportRowErrorSchema>;

export const ImportRowResultSchema = z.object({
  /** The sheet's row number (the header is row 1). */
  row: z.number().int(),
  fileNumber: z.string().nullable(),
  status: z.enum(IMPORT_ROW_STATUSES),
  caseId: z.string().nullable(),
  errors: z.array(ImportRowErrorSchema),
  deadlines: z.array(z.object({ ruleId: z.string(), title: z.string(), status: z.string(), due: z.string(), dueInstant: z.string() })),
  /** Alarms that would go out at once on opening (within the grace of BEFORE_PLAZO_GRACE_MS); older steps are not sent. */
  alarmsNow: z.array(z.object({ deadlineId: z.string(), step: z.string(), recipients: z.array(z.string()) })),
  /** Steps due before the case is in Plazo: not sent, in one summary per person instead. */
  notSent: z.number().int(),
});
export type ImportRowResult = z.output<typeof ImportRowResultSchema>;

export const ImportSummarySchema = z.object({
  rows: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
});

export function summarize(rows: ImportRowResult[]): z.output<typeof ImportSummarySchema> {
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return { rows: rows.length, byStatus };
}

/**
 * The report's lines in `lang` (Spanish by default, as the sheet is): the catalogue's column titles, then
 * one line per error (or one per row without errors); statuses, deadlines, steps and roles in its words.
 */
export function reportLines(rows: ImportRowResult[], lang: Lang = 'es'): string[][] {
  const c = catalogue(lang);
  const lines = [[...c.importPage.reportHeader]];
  for (const r of rows) {
    const common = [String(r.row), r.fileNumber ?? '', c.importPage.statuses[r.status] ?? r.status, r.caseId ?? ''];
    const deadlines = r.deadlines.filter((d) => d.status === 'open' || d.status === 'missed').map((d) => `${ruleText(d.ruleId, lang, d.title).title}: ${d.due} (${statusLabel(d.status, lang)})`).join('; ');
    const alarms = r.alarmsNow.map((a) => `${ruleText(a.deadlineId.split('#')[0]!, lang, a.deadlineId).title}: ${stepName(a.step, lang)} → ${a.recipients.map((x) => roleLabel(x, c.page)).join(', ')}`).join('; ');
    const tail = [deadlines, alarms, String(r.notSent)];
    if (r.errors.length === 0) lines.push([...common, '', '', ...tail]);
    for (const e of r.errors) lines.push([...common, e.column ?? '', e.message, ...tail]);
  }
  return lines;
}
