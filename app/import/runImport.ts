/**
 * The import itself: each row the preview passed is opened through POST /api/cases's operation
 * (openCase) with its past events, which the API checks as POST /api/cases/:id/events does and the
 * workflow as its recordEvent Update does, so every check runs again at the moment of writing; a row
 * already in Plazo gets the events it lacks through recordEvent. The case workflow treats them as any
 * case entered while under way: steps due before the case was in Plazo are not sent; each case carries the
 * import's id, and the import sends one summary per person of all its cases when it ends (importSummary.ts). Idempotent by file number: a row whose file number is in Plazo
 * records only the events its case lacks (a run cut short resumes there), and nothing when it has them
 * all; the opening itself runs under an Idempotency-Key made of the file number, so a retry after a
 * crash between the start and the read model finds the same case.
 */
import { createHash } from 'node:crypto';
import { mexicoDay } from '../../domain/case/factChecks';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { openCase } from '../cases/openCase';
import { recordEvent } from '../cases/recordEvent';
import { DuplicateWarning } from '../cases/likelyDuplicates';
import { importRunOf, type ImportRequest } from './importRequest';
import type { ImportRowResult } from '../../domain/import/report';
import { eventFieldColumn } from '../../domain/import/rowCommand';
import { openingsWatch } from './untilOpen';
import { headerOf, prepareImport, type PreparedImport, type PreparedRow, type Say } from './previewRows';

/** Rows written side by side: the API's checks of one overlap another's start, or an Update of a row resumed. */
export const IMPORT_CONCURRENCY = 16;

/** Cases started and not yet open, at most. */
export const IMPORT_IN_FLIGHT = 48;

/** `onRow`: after each row written, with its result (a run's progress: importRuns.ts). */
export async function runImport(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say, onRow?: (done: number, total: number, row: ImportRowResult) => void): Promise<PreparedImport> {
  const prepared = await prepareImport(deps, user, req, say);
  const todo = prepared.rows.filter((r) => r.result.status === 'new' || r.result.status === 'exists');
  let done = 0;
  const finished = (row: PreparedRow) => onRow?.(++done, todo.length, row.result);
  const importRun = importRunOf(req);
  // A new row is done once its case is open and in the read model: waited for with the others.
  const opening = new Map<string, PreparedRow>();
  const watch = openingsWatch(deps, (caseId, err) => {
    const row = opening.get(caseId)!;
    if (err) failed(deps, row, atColumn(row, err, prepared.mapping), say);
    else row.result.status = 'opened';
    finished(row);
  });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(IMPORT_CONCURRENCY, todo.length) }, async () => {
        for (let i = next++; i < todo.length; i = next++) {
          const row = todo[i]!;
          await watch.room(IMPORT_IN_FLIGHT);
          const started = await importRow(deps, user, row, say, prepared.mapping, importRun);
          if (!started) {
            finished(row);
            continue;
          }
          opening.set(started, row);
          watch.add(started);
        }
      }),
    );
  } finally {
    await watch.close();
  }
  return prepared;
}

/** Writes one row: a new case is started (its id answered, to wait for); a case in Plazo gets the events it lacks. */
/** `importRun`: the import the case is opened by; its summary per person covers the case (importSummary.ts). */
async function importRow(deps: AppDeps, user: AuthUser, row: PreparedRow, say: Say, mapping: PreparedImport['mapping'], importRun: string): Promise<string | null> {
  const r = row.result;
  try {
    let caseId = r.status === 'exists' ? r.caseId : null;
    if (!caseId) {
      // The row's past events open the case with it, checked by the workflow as each Update would check
      // them: one workflow task and one write of the read model per case (an Update each was most of the time).
      const pastEvents = row.events.map((e) => e.body);
      const key = `import/${row.key}/${digest({ open: row.open, pastEvents })}`;
      const opened = await openCase(deps, user, row.open!, { kind: 'import', of: async ({ caseId: id }) => id }, { idempotencyKey: key, pastEvents, wait: false, importRun }).catch((err: unknown) => {
        // Opened meanwhile by another import of the same file number: that case is this row's (its events are looked up below).
        const same = err instanceof DuplicateWarning ? err.duplicates.find((d) => d.why === 'file_number' && d.caseId) : undefined;
        if (same) return { resumed: same.caseId! };
        throw atColumn(row, err, mapping);
      });
      if (typeof opened === 'string') return (r.caseId = opened);
      caseId = r.caseId = opened.resumed;
    }
    const missing = await missingEvents(deps, caseId, row);
    // Each event is in the case once its Update answers; nobody reads the page in between, so only the
    // last one waits for the read model (a wait per event was most of an import's time).
    for (const [i, e] of missing.entries()) {
      const wait = i === missing.length - 1 ? deps : { ...deps, projectionTimeoutMs: 0 };
      await recordEvent(wait, user, caseId, e.body, { kind: 'import', of: async () => null }, { idempotencyKey: `import/${row.key}/${digest(e.body)}` });
    }
    r.status = missing.length > 0 ? 'resumed' : 'unchanged';
  } catch (err) {
    failed(deps, row, err, say);
  }
  return null;
}

/** The row did not make it: the error, in the reader's words, at the column it names. */
function failed(deps: AppDeps, row: PreparedRow, err: unknown, say: Say): void {
  const r = row.result;
  if (!(err instanceof ApiError)) deps.logger.error({ err, row: r.row }, 'import: a row failed');
  const e = err instanceof ApiError ? err : new ApiError(500, 'internal', (err as Error).message);
  r.status = 'failed';
  r.errors.push({ column: (e as ColumnError).column ?? null, field: e.field, message: say(e) });
}

/** A refusal of one of the row's past events (field `pastEvents[i].…`) names the event's field and its column. */
type ColumnError = ApiError & { column?: string };
function atColumn(row: PreparedRow, err: unknown, mapping: PreparedImport['mapping']): unknown {
  const m = err instanceof ApiError ? /^pastEvents\[(\d+)\](?:\.(.+))?$/.exec(err.field ?? '') : null;
  const e = m ? row.events[Number(m[1])] : undefined;
  if (!e) return err;
  const field = m![2] ?? null;
  return Object.assign(new ApiError((err as ApiError).status, (err as ApiError).code, (err as ApiError).message, field, (err as ApiError).issue), { column: headerOf(eventFieldColumn(e, field), mapping) });
}

/**
 * The Idempotency-Key of one write of a row: its file number and what is written, so the same row sent
 * again is answered as the first time, and a corrected row (a refusal is kept under its key) is a new request.
 */
const digest = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 24);

/** The row's events the case does not have yet (the same type on the same day, in force on its timeline). */
async function missingEvents(deps: AppDeps, caseId: string, row: PreparedRow): Promise<PreparedRow['events']> {
  if (row.events.length === 0) return [];
  const types = [...new Set(row.events.map((e) => e.body.type))];
  const recorded = await deps.db.selectFrom('case_timeline').select(['type', 'at']).where('case_id', '=', caseId).where('type', 'in', types).execute();
  const have = new Set(recorded.map((t) => `${t.type}/${mexicoDay(t.at)}`));
  return row.events.filter((e) => !have.has(`${e.body.type}/${mexicoDay(e.body.occurredAt)}`));
}
