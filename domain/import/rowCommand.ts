/**
 * A sheet row as the commands the API takes: the body of POST /api/cases and the bodies of its past
 * events, in the order they happened, each field remembering the column it came from so an error the
 * API's validators give names the person's column. Nothing is checked here: the validators are the
 * API's own (app/import/previewRows.ts). Only notation is read: DD/MM/AAAA dates, Spanish labels of lists.
 */
import { CLOSE_REASONS, DECISION_OUTCOMES } from '../case/events';
import { catalogue, LANGS } from '../messages/catalogue';
import type { ImportColumnKey, MappedRow } from './columns';

/** One past event of the row, as POST /api/cases/:id/events takes it (without recordedBy). */
export interface RowEvent {
  /** The column of its date. */
  column: ImportColumnKey;
  body: Record<string, unknown> & { type: string; occurredAt: string };
}

export interface RowCommand {
  /** The body of POST /api/cases (OpenCaseBody's input shape). */
  intake: Record<string, unknown> & { fileNumber?: string; child: Record<string, unknown> };
  events: RowEvent[];
  /** A detail given without the date of its event (an outcome with no decision date): 'field: reason' by column. */
  problems: { column: ImportColumnKey; field: string; message: string }[];
}

/** The API field each intake column fills: an error naming the field points to the column. */
export const INTAKE_FIELDS: Partial<Record<ImportColumnKey, string>> = {
  fileNumber: 'fileNumber',
  childName: 'child.name',
  birthDate: 'child.birthDate',
  nationality: 'child.nationality',
  entryDate: 'entryDate',
  office: 'office',
  openedAt: 'openedAt',
  caseworker: 'assignments.caseworker',
  supervisor: 'assignments.supervisor',
  lawyer: 'assignments.lawyer',
};

/** The event each date column records, and the column holding its detail (field → column). */
export const EVENT_COLUMNS: { column: ImportColumnKey; type: string; detail?: { field: string; column: ImportColumnKey; codes: readonly string[] } }[] = [
  { column: 'procuraduriaNotified', type: 'procuraduria_notified' },
  { column: 'bidIssued', type: 'bid_issued' },
  { column: 'asylumClaimFiled', type: 'asylum_claim_filed' },
  { column: 'comarExtensionNotified', type: 'comar_extension_notified' },
  { column: 'decisionNotified', type: 'decision_notified', detail: { field: 'outcome', column: 'decisionOutcome', codes: DECISION_OUTCOMES } },
  { column: 'recursoRevisionFiled', type: 'recurso_revision_filed' },
  { column: 'caseClosed', type: 'case_closed', detail: { field: 'reason', column: 'closeReason', codes: CLOSE_REASONS } },
];

/** The column an API field of an event came from: its detail's column, else its date's. */
export function eventFieldColumn(e: RowEvent, field: string | null): ImportColumnKey {
  const spec = EVENT_COLUMNS.find((c) => c.column === e.column);
  return spec?.detail && field === spec.detail.field ? spec.detail.column : e.column;
}

/** 14/03/2012 → 2012-03-14 (the way dates are written in Mexico); anything else is left for the validators. */
export function isoDate(text: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text.trim();
}

/** A list's code from its code or its label in either language ('negado', 'Denied'); unknown text as is. */
export function listCode(text: string, codes: readonly string[]): string {
  const t = text.trim().toLowerCase();
  if (codes.includes(t)) return t;
  for (const lang of LANGS) {
    const labels = catalogue(lang).other as Record<string, string>;
    const found = codes.find((c) => labels[c]?.toLowerCase() === t);
    if (found) return found;
  }
  return text.trim();
}

/** A person by email (as the sheet names them) or by id. `people`: lower-case email → id. */
const personId = (text: string, people: ReadonlyMap<string, string>) => people.get(text.trim().toLowerCase()) ?? text.trim();

export function rowCommand(row: MappedRow, people: ReadonlyMap<string, string>): RowCommand {
  const date = (k: ImportColumnKey) => (row[k] === undefined ? undefined : isoDate(row[k]));
  const defined = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const intake = defined({
    fileNumber: row.fileNumber,
    child: defined({ name: row.childName ?? '', birthDate: date('birthDate'), nationality: row.nationality }),
    entryDate: date('entryDate'),
    office: row.office,
    openedAt: date('openedAt'),
    assignments: { caseworker: personId(row.caseworker ?? '', people), supervisor: personId(row.supervisor ?? '', people), lawyer: personId(row.lawyer ?? '', people) },
  });
  const events: RowEvent[] = [];
  const problems: RowCommand['problems'] = [];
  for (const spec of EVENT_COLUMNS) {
    const when = date(spec.column);
    if (when === undefined) {
      if (spec.detail && row[spec.detail.column] !== undefined) problems.push({ column: spec.detail.column, field: spec.detail.field, message: `is given without the date of its event (${spec.column})` });
      continue;
    }
    const detail = spec.detail ? { [spec.detail.field]: listCode(row[spec.detail.column] ?? '', spec.detail.codes) } : {};
    events.push({ column: spec.column, body: { type: spec.type, occurredAt: when, ...detail } });
  }
  // Recorded in the order they happened (the case counts each from its own date); a tie keeps the columns' order.
  events.sort((a, b) => (a.body.occurredAt < b.body.occurredAt ? -1 : a.body.occurredAt > b.body.occurredAt ? 1 : 0));
  return { intake, events, problems };
}
