/**
 * The import itself: each row the preview passed is opened and its past events recorded through the
 * same operations as POST /api/cases and POST /api/cases/:id/events (openCase, recordEvent), so every
 * check runs again at the moment of writing, and the case workflow treats them as any case entered
 * while under way: steps due before the case was in Plazo are not sent; each case carries the import's
 * id, and the import sends one summary per person of all its cases when it ends (importSummary.ts). Idempotent by file number: a row whose file number is in Plazo
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
import { prepareImport, type PreparedImport, type PreparedRow, type Say } from './previewRows';
import type { ImportRowResult } from '../../domain/import/report';

/** Cases opened side by side: each opening waits for its workflow and the read model, so a few at once keep both busy. */
export const IMPORT_CONCURRENCY = 16;

/** `onRow`: after each row written, with its result (a run's progress: importRuns.ts). */
export async function runImport(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say, onRow?: (done: number, total: number, row: ImportRowResult) => void): Promise<PreparedImport> {
  const prepared = await prepareImport(deps, user, req, say);
  const todo = prepared.rows.filter((r) => r.result.status === 'new' || r.result.status === 'exists');
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(IMPORT_CONCURRENCY, todo.length) }, async () => {
      for (let i = next++; i < todo.length; i = next++) {
        await importRow(deps, user, todo[i]!, say, importRunOf(req));
        onRow?.(++done, todo.length, todo[i]!.result);
      }
    }),
  );
  return prepared;
}

/** `importRun`: the import the case is opened by; its summary per person covers the case (importSummary.ts). */
async function importRow(deps: AppDeps, user: AuthUser, row: PreparedRow, say: Say, importRun: string): Promise<void> {
  const r = row.result;
  try {
    let caseId = r.status === 'exists' ? r.caseId : null;
    if (!caseId) {
      caseId = await openCase(deps, user, row.open!, { kind: 'import', of: async ({ caseId: id }) => id }, { idempotencyKey: `import/${row.key}/${digest(row.open)}`, importRun }).catch(async (err: unknown) => {
        // Opened meanwhile by another import of the same file number: that case is this row's.
        const same = err instanceof DuplicateWarning ? err.duplicates.find((d) => d.why === 'file_number' && d.caseId) : undefined;
        if (same) return same.caseId!;
        throw err;
      });
      r.caseId = caseId;
    }
    const missing = await missingEvents(deps, caseId, row);
    // Each event is in the case once its Update answers; nobody reads the page in between, so only the
    // last one waits for the read model (a wait per event was most of an import's time).
    for (const [i, e] of missing.entries()) {
      const wait = i === missing.length - 1 ? deps : { ...deps, projectionTimeoutMs: 0 };
      await recordEvent(wait, user, caseId, e.body, { kind: 'import', of: async () => null }, { idempotencyKey: `import/${row.key}/${digest(e.body)}` });
    }
    r.status = r.status === 'new' ? 'opened' : missing.length > 0 ? 'resumed' : 'unchanged';
  } catch (err) {
    if (!(err instanceof ApiError)) deps.logger.error({ err, row: r.row }, 'import: a row failed');
    const e = err instanceof ApiError ? err : new ApiError(500, 'internal', (err as Error).message);
    r.status = 'failed';
    r.errors.push({ column: null, field: e.field, message: say(e) });
  }
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
