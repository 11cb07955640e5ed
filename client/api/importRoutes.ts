/**
 * /api/import: the template, a preview and the import of a spreadsheet of existing cases (issue 27
 * item 2). The file travels as base64 in JSON (the API takes JSON only), up to 5 MiB; `?format=csv`
 * answers the report to download instead of JSON. Errors in the rows are worded in Spanish, as the sheet is.
 * POST /api/import answers when the import is done; with `Prefer: respond-async` it answers 202 at once
 * with the run's address (Location), and GET /api/import/runs/:id says how far it is, then its answer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertCan } from '../../app/access';
import { ApiError, parseInput } from '../../app/errors';
import { IMPORT_BODY_LIMIT, ImportRequestSchema } from '../../app/import/importRequest';
import { prepareImport, type PreparedImport, type Say } from '../../app/import/previewRows';
import { importAndSummarize, loadImportRun, startImportRun } from '../../app/import/importRuns';
import { templateDownload } from '../../app/import/template';
import { summarize } from '../../domain/import/report';
import { importAnswer, reportCsv } from '../../app/import/importAnswer';
import { errorMessage } from '../../app/errorText';
import { userOf, type RouteContext } from './routeContext';


export const sayInSpanish: Say = (err) => errorMessage(err, 'es');


export function registerImportRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const api = (action: string) => ({ config: { action, auth: 'api' as const } });
  const upload = (action: string) => ({ ...api(action), bodyLimit: IMPORT_BODY_LIMIT });
  type WithFormat = { Querystring: { format?: string } };

  app.get<{ Params: { format: string } }>('/api/import/template.:format', api('import.template'), async (req, reply) => {
    assertCan(userOf(req), 'import_cases');
    const t = await templateDownload(req.params.format);
    return reply.header('content-type', t.type).header('content-disposition', t.disposition).send(t.bytes);
  });

  app.post<WithFormat>('/api/import/preview', upload('import.preview'), async (req, reply) => {
    const user = userOf(req);
    const body = parseInput(ImportRequestSchema, req.body);
    const prepared = await prepareImport(ctx, user, body, sayInSpanish);
    req.audit = { detail: { file: body.file.name, rows: prepared.rows.length, dryRun: true } };
    return answer(reply, format(req.query), prepared);
  });

  app.post<WithFormat>('/api/import', upload('import.run'), async (req, reply) => {
    const user = userOf(req);
    const body = parseInput(ImportRequestSchema, req.body);
    if (/\brespond-async\b/.test(String(req.headers.prefer ?? ''))) {
      const id = await startImportRun(ctx, user, body, sayInSpanish);
      req.audit = { detail: { file: body.file.name, run: id } };
      const url = `/api/import/runs/${id}`;
      return reply.status(202).header('location', url).send({ ...(await loadImportRun(ctx, user, id)), url });
    }
    const done = await importAndSummarize(ctx, user, body, sayInSpanish);
    req.audit = { detail: { file: body.file.name, ...summarize(done.rows.map((r) => r.result)).byStatus } };
    return answer(reply, format(req.query), done);
  });

  /** A background import: its progress, and its answer once done (`?format=csv`: the report, once done). */
  app.get<{ Params: { id: string }; Querystring: { format?: string } }>('/api/import/runs/:id', api('import.status'), async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'import_cases');
    const as = format(req.query);
    const run = await loadImportRun(ctx, user, req.params.id);
    if (as === 'json') return run;
    if (!run.answer) throw new ApiError(409, 'conflict', `the import is ${run.status}: its report is ready once it is done`, 'id');
    return csvReply(reply, reportCsv(run.answer.rows));
  });
}

function format(q: { format?: string }): 'json' | 'csv' {
  if (q.format === undefined || q.format === 'json') return 'json';
  if (q.format === 'csv') return 'csv';
  throw new ApiError(400, 'invalid_request', 'must be json or csv', 'format');
}

function answer(reply: FastifyReply, as: 'json' | 'csv', p: PreparedImport) {
  if (as === 'json') return importAnswer(p);
  return csvReply(reply, reportCsv(p.rows.map((r) => r.result)));
}

const csvReply = (reply: FastifyReply, csv: string) =>
  reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="plazo-importacion.csv"').header('cache-control', 'no-store').send(csv);
