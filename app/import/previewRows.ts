/**
 * The preview of an import: each row checked by the API's own validators, in the order POST /api/cases
 * and POST /api/cases/:id/events run them (schemas, people, the opener's sight, dates not ahead, lists,
 * facts, duplicates, the calendars), then the case replayed as the workflow will replay it (its event
 * refusals and fact checks included) to show its deadlines and which alarms would go out at once.
 * Nothing is stored. `say` words an error for the reader (the face's errorMessage).
 */
import { createHash } from 'node:crypto';
import { loadOffices } from '../../db/adminLists';
import { loadOverlays } from '../../db/overlays';
import { isDomainInputError, RULE_PACK } from '../../domain';
import { CaseEventSchema, CaseIntakeSchema, type CaseEvent, type CaseIntake } from '../../domain/case/events';
import { intakeEvents, replay, type ReplayedEvent } from '../../domain/case/replay';
import type { CaseState } from '../../domain/case/state';
import { fireDueSteps } from '../../domain/case/steps';
import { MEXICO_CITY_TIME } from '../../domain/case/transitions';
import { summarizeRules } from '../../domain/caseDeadline';
import { deadlineCounter } from '../../domain/lists/officeDeadlines';
import { columnOf, editMapping, IMPORT_COLUMN_KEYS, mapRow, missingColumns, type ColumnMapping, type ImportColumnKey } from '../../domain/import/columns';
import type { ImportRowError, ImportRowResult } from '../../domain/import/report';
import { eventFieldColumn, INTAKE_FIELDS, rowCommand, type RowEvent } from '../../domain/import/rowCommand';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError, parseInput, splitReason, type IssueDetail } from '../errors';
import { assertIntakeCountable, assertIntakeFacts } from '../intakeCheck';
import { withListedValues } from '../lists/intakeLists';
import { assertAssignable } from '../people/assertAssignable';
import { EventBodySchema, OpenCaseBodySchema, type EventBody, type OpenCaseBody } from '../schemas';
import { assertVisibleToOpener } from '../cases/openCase';
import { likelyDuplicates } from '../cases/likelyDuplicates';
import { notInFuture } from '../cases/notInFuture';
import type { ImportRequest } from './importRequest';
import { readSheet, type Sheet } from './readSheet';

/** An error in the reader's language (the pages' errorMessage, given by the face). */
export type Say = (err: { message: string; field: string | null; issue?: IssueDetail }) => string;

/** A row ready to import: its commands as the API takes them, and what the preview said of it. */
export interface PreparedRow {
  result: ImportRowResult;
  open?: OpenCaseBody;
  events: { body: EventBody; column: ImportColumnKey }[];
  /** The key that makes opening this row's case idempotent: its file number, hashed. */
  key: string;
}

export interface PreparedImport {
  headers: string[];
  /** The sheet's data rows, all of them (`rows` holds the range asked for). */
  totalRows: number;
  /** The sheet's header each column is read from. */
  mapping: Partial<Record<ImportColumnKey, string>>;
  rows: PreparedRow[];
}

const FIELD_COLUMNS = new Map(Object.entries(INTAKE_FIELDS).map(([k, f]) => [f, k as ImportColumnKey]));

/** The key of a file number: case and surrounding spaces do not make another file. */
export const fileKey = (fileNumber: string) => createHash('sha256').update(fileNumber.trim().toLowerCase()).digest('hex').slice(0, 32);

/** Rows checked side by side. */
const PREVIEW_CONCURRENCY = 8;

export async function prepareImport(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say, now = Date.now()): Promise<PreparedImport> {
  assertCan(user, 'import_cases');
  const sheet = await readSheet(Buffer.from(req.file.contentBase64, 'base64'), req.file.name);
  const mapping = mappingOf(sheet, req.mapping ?? {});
  const header = (key: ImportColumnKey) => headerOf(key, mapping[key] === undefined ? {} : { [key]: sheet.headers[mapping[key]]! });
  const { db } = deps;
  const people = new Map((await db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email.toLowerCase(), u.id]));
  const [offices, overlays] = await Promise.all([loadOffices(db), loadOverlays(db)]);
  const rules = summarizeRules(RULE_PACK);
  const seen = new Map<string, number>();
  const from = req.fromRow ?? 2;
  const to = req.toRow ?? sheet.rows.length + 1;
  const rows: PreparedRow[] = [];
  // Rows before the range still claim their file numbers: a duplicate is the same whichever part is sent.
  for (let i = 0; i < Math.min(sheet.rows.length, from - 2); i++) {
    const n = mapRow(sheet.rows[i]!, mapping).fileNumber?.toLowerCase();
    if (n && !seen.has(n)) seen.set(n, i + 2);
  }
  const first = Math.max(0, from - 2);
  const count = Math.max(0, Math.min(sheet.rows.length, to - 1) - first);
  // A few rows at once, so one's queries overlap another's counting. Each claims its file number before
  // its first await, and rows start in order: the first row of a number is still the one that keeps it.
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PREVIEW_CONCURRENCY, count) }, async () => {
      for (let k = next++; k < count; k = next++) rows[k] = await prepareRow(first + k + 2, mapRow(sheet.rows[first + k]!, mapping));
    }),
  );
  return { headers: sheet.headers, totalRows: sheet.rows.length, mapping: Object.fromEntries(Object.entries(mapping).map(([k, i]) => [k, sheet.headers[i]!])), rows };

  async function prepareRow(rowNumber: number, mapped: ReturnType<typeof mapRow>): Promise<PreparedRow> {
    const command = rowCommand(mapped, people);
    const fileNumber = mapped.fileNumber ?? null;
    const result: ImportRowResult = { row: rowNumber, fileNumber, status: 'new', caseId: null, errors: [], deadlines: [], alarmsNow: [], notSent: 0 };
    const prepared: PreparedRow = { result, events: [], key: fileKey(fileNumber ?? `row-${rowNumber}`) };
    const fail = (key: ImportColumnKey | null, err: unknown) => {
      if (!(err instanceof ApiError)) throw err;
      const e: ImportRowError = { column: key ? header(key) : null, field: err.field, message: say(err) };
      result.errors.push(e);
      result.status = 'error';
    };
    const intakeColumn = (field: string | null) => (field ? (FIELD_COLUMNS.get(field) ?? FIELD_COLUMNS.get(field.split('.').slice(0, 2).join('.')) ?? null) : null);
    for (const p of command.problems) fail(p.column, new ApiError(422, 'invalid_request', p.message, p.field));
    if (fileNumber) {
      const k = fileNumber.trim().toLowerCase();
      const first = seen.get(k);
      if (first !== undefined) fail('fileNumber', new ApiError(422, 'invalid_request', `the file number ${fileNumber} is also on row ${first}: one row per case`, 'fileNumber'));
      else seen.set(k, rowNumber);
    }
    let intake: CaseIntake;
    let existing: string | null;
    try {
      const body = parseInput(OpenCaseBodySchema, command.intake);
      for (const role of ['caseworker', 'supervisor', 'lawyer'] as const) await assertAssignable(db, `assignments.${role}`, body.assignments[role], role);
      await assertVisibleToOpener(deps, user, body.assignments);
      notInFuture('openedAt', body.openedAt);
      notInFuture('entryDate', body.entryDate);
      notInFuture('child.birthDate', body.child.birthDate);
      intake = await withListedValues(db, CaseIntakeSchema.parse({ ...body, caseId: 'import-preview', openedAt: body.openedAt ?? new Date(now).toISOString(), recordedBy: user.id }));
      assertIntakeFacts(intake);
      assertIntakeCountable(intake, overlays);
      prepared.open = body;
      existing = await duplicates(intake);
    } catch (err) {
      fail(intakeColumn(err instanceof ApiError ? err.field : null), err);
      return prepared;
    }
    const items: ReplayedEvent[] = [...intakeEvents(intake)];
    const columnOfItem = new Map<ReplayedEvent, RowEvent>();
    for (const e of command.events) {
      try {
        const body = parseInput(EventBodySchema, e.body);
        notInFuture('occurredAt', body.occurredAt);
        const event: CaseEvent = CaseEventSchema.parse({ ...body, recordedBy: user.id });
        const item = { event, field: e.column };
        columnOfItem.set(item, e);
        items.push(item);
        prepared.events.push({ body, column: e.column });
      } catch (err) {
        fail(eventFieldColumn(e, err instanceof ApiError ? err.field : null), err);
      }
    }
    if (result.errors.length > 0) return prepared;
    try {
      // The clock's first turn, as the workflow's: what is past due is missed, and the alarms due now go out.
      const fired = fireDueSteps(await replayed(intake, items), now);
      const s = fired.state;
      result.deadlines = s.deadlines.map((d) => ({ ruleId: d.ruleId, title: d.title, status: d.status, due: d.due, dueInstant: d.dueInstant }));
      result.alarmsNow = fired.deliveries.map((d) => ({ deadlineId: d.deadlineId, step: d.stepId, recipients: [...d.recipients] }));
      result.notSent = s.deadlines.reduce((n, d) => n + (d.notSent?.length ?? 0), 0);
      if (existing) Object.assign(result, { status: 'exists', caseId: existing });
    } catch (err) {
      const refused = err as ApiError & { item?: ReplayedEvent };
      const row = refused.item ? columnOfItem.get(refused.item) : undefined;
      fail(row ? eventFieldColumn(row, refused.field) : intakeColumn(refused.field), err);
    }
    return prepared;
  }

  /** The same child already in Plazo: the same file number is this row already imported; the same name, birth date and nationality is an error. */
  async function duplicates(intake: CaseIntake): Promise<string | null> {
    const found = await likelyDuplicates(db, user, intake, deps.links);
    const sameFile = found.find((d) => d.why === 'file_number');
    if (sameFile?.caseId) return sameFile.caseId;
    if (sameFile) throw new ApiError(409, 'likely_duplicate', `likely the same child as a case you cannot see (same file number); ask the case's supervisor`, 'fileNumber');
    if (found.length > 0) throw new ApiError(409, 'likely_duplicate', `likely the same child as ${found.map((d) => d.caseId ?? 'a case you cannot see').join(', ')} (same name, birth date and nationality): correct the row, or open the case from the form to confirm it is another child`, 'child.name');
    return null;
  }

  /** The case as the workflow will hold it: the same replay, refusals and fact checks, counted as the activity counts. */
  async function replayed(intake: CaseIntake, items: ReplayedEvent[]): Promise<CaseState> {
    const s = await replay(intake, { rulePack: RULE_PACK.version, rules, inPlazoSince: now, timelineData: true }, items, {
      compute: async (st, requests, field) => {
        const count = deadlineCounter(RULE_PACK, offices, overlays, st.office);
        return requests.map((r) => {
          try {
            return count(r);
          } catch (err) {
            if (!isDomainInputError(err)) throw err;
            // An event's items name their column as `field`; the intake's name the intake field.
            const item = isColumnKey(field) ? items.find((x) => x.field === field) : undefined;
            throw Object.assign(new ApiError(422, 'invalid_request', `${r.trigger} cannot be counted from (${r.ruleId}): ${err.message}`, item ? 'occurredAt' : field), { item });
          }
        });
      },
      now: () => now,
      refuse: (item, reason) => {
        const { field, message } = splitReason(reason);
        throw Object.assign(new ApiError(422, 'invalid_event', message, field), { item });
      },
      time: MEXICO_CITY_TIME,
      checkFacts: true,
    });
    return s;
  }
}

/** The sheet's header a column is read from (`mapping`: key → header), else the template's. */
export const headerOf = (key: ImportColumnKey, mapping: Partial<Record<ImportColumnKey, string>>) => mapping[key] ?? columnOf(key).header;

const isColumnKey = (field: string): field is ImportColumnKey => (IMPORT_COLUMN_KEYS as readonly string[]).includes(field);

function mappingOf(sheet: Sheet, edits: Partial<Record<ImportColumnKey, string>>): ColumnMapping {
  const edited = editMapping(sheet.headers, edits);
  if ('error' in edited) throw new ApiError(422, 'invalid_request', edited.error.message, `mapping.${edited.error.key}`);
  const { mapping } = edited;
  const missing = missingColumns(mapping);
  if (missing.length > 0) {
    throw new ApiError(422, 'invalid_request', `the sheet has no column for ${missing.map((c) => `'${c.header}'`).join(', ')}: name it in the mapping (its columns: ${sheet.headers.join(', ')})`, `mapping.${missing[0]!.key}`);
  }
  return mapping;
}
