/**
 * An import in the background (issue 27 item 2): a sheet of a thousand cases takes minutes, longer than a
 * proxy keeps a request open. The run is started and answered at once; its progress (rows done of the
 * total, opened / resumed / failed) and, once done, its answer are kept in import_runs, which any API
 * instance reads. A run whose heartbeat stopped (the API restarted) is shown as interrupted: the import is
 * idempotent by file number, so importing the same sheet again resumes it.
 *
 * Around runImport (the rows themselves) this adds only the run's record and, at the end of an import that
 * reached the sheet's last row, its one summary per person (importSummary.ts).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ImportRowResult } from '../../domain/import/report';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { importAnswer, ImportAnswerSchema, type ImportAnswer } from './importAnswer';
import { importRunOf, type ImportRequest } from './importRequest';
import { importEnded, sendImportSummary } from './importSummary';
import type { PreparedImport, Say } from './previewRows';
import { readSheet } from './readSheet';
import { runImport } from './runImport';

/** How often a running import says it is alive; one silent for STALE_MS was cut short. */
export const HEARTBEAT_MS = 3_000;
export const STALE_MS = 30_000;

export const IMPORT_RUN_STATUSES = ['running', 'done', 'interrupted', 'failed'] as const;
export type ImportRunStatus = (typeof IMPORT_RUN_STATUSES)[number];

export const ImportRunViewSchema = z.object({
  id: z.string(),
  /** interrupted: the API stopped mid-run (a restart); import the same sheet again to resume. */
  status: z.enum(IMPORT_RUN_STATUSES),
  fileName: z.string(),
  /** Rows to write (0 while the sheet is still being checked). */
  total: z.number().int(),
  done: z.number().int(),
  opened: z.number().int(),
  resumed: z.number().int(),
  failed: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Why a failed run stopped, in the words of whoever started it. */
  error: z.string().nullable(),
  /** The answer, once done: every row's result, as POST /api/import answers. */
  answer: ImportAnswerSchema.nullable(),
});
export type ImportRunView = z.output<typeof ImportRunViewSchema>;
/** What POST /api/import answers with Prefer: respond-async (202): the run, and where to ask again. */
export const ImportRunStartedSchema = ImportRunViewSchema.extend({ url: z.string() });

/** The rows, then the summary when the import covered the sheet's end: the synchronous import and the background run alike. */
export async function importAndSummarize(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say, onRow?: (done: number, total: number, row: ImportRowResult) => void): Promise<PreparedImport> {
  const done = await runImport(deps, user, req, say, onRow);
  if (importEnded(req, done)) await sendImportSummary(deps, importRunOf(req));
  return done;
}

/** Starts the import in the background and answers the run's id; its progress is read with loadImportRun. */
export async function startImportRun(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say): Promise<string> {
  // An unreadable file is refused at once (nothing stored); the rows are checked as the run goes.
  await readSheet(Buffer.from(req.file.contentBase64, 'base64'), req.file.name);
  const id = randomUUID();
  await deps.db.insertInto('import_runs').values({ id, import_run: importRunOf(req), file_name: req.file.name, user_id: user.id, status: 'running' }).execute();
  void inBackground(deps, user, req, say, id);
  return id;
}

async function inBackground(deps: AppDeps, user: AuthUser, req: ImportRequest, say: Say, id: string): Promise<void> {
  const progress = { total: 0, done: 0, opened: 0, resumed: 0, failed: 0 };
  const save = (more: Record<string, unknown> = {}) =>
    deps.db
      .updateTable('import_runs')
      .set({ ...progress, heartbeat_at: new Date(), ...more })
      .where('id', '=', id)
      .execute();
  const beat = setInterval(() => void save().catch((err: Error) => deps.logger.warn({ err, run: id }, 'import run: progress not saved')), HEARTBEAT_MS);
  try {
    const prepared = await importAndSummarize(deps, user, req, say, (done, total, row) => {
      Object.assign(progress, { done, total });
      if (row.status === 'opened' || row.status === 'resumed' || row.status === 'failed') progress[row.status]++;
    });
    progress.total = progress.done = prepared.rows.filter((r) => ['opened', 'resumed', 'unchanged', 'failed'].includes(r.result.status)).length;
    clearInterval(beat);
    await save({ status: 'done', answer: JSON.stringify(importAnswer(prepared)), finished_at: new Date() });
  } catch (err) {
    clearInterval(beat);
    if (!(err instanceof ApiError)) deps.logger.error({ err, run: id }, 'import run failed');
    const message = err instanceof ApiError ? say(err) : (err as Error).message;
    await save({ status: 'failed', error: message, finished_at: new Date() }).catch((e: Error) => deps.logger.error({ err: e, run: id }, 'import run: failure not saved'));
  }
}

/** The run as its starter (or an admin) sees it; anyone else is told it does not exist. */
export async function loadImportRun(deps: AppDeps, user: AuthUser, id: string): Promise<ImportRunView> {
  const r = /^[0-9a-f-]{36}$/.test(id) ? await deps.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!r || (r.user_id !== user.id && user.role !== 'admin')) throw new ApiError(404, 'not_found', `no import run '${id}'`, 'id');
  const stale = r.status === 'running' && Date.now() - r.heartbeat_at.getTime() > STALE_MS;
  return {
    id: r.id,
    status: stale ? 'interrupted' : (r.status as ImportRunStatus),
    fileName: r.file_name,
    total: r.total,
    done: r.done,
    opened: r.opened,
    resumed: r.resumed,
    failed: r.failed,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
    error: r.error,
    answer: (r.answer as ImportAnswer | null) ?? null,
  };
}
