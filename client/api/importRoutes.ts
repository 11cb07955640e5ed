/**
 * /api/import: the template, a preview and the import of a spreadsheet of existing cases (issue 27
 * item 2). The file travels as base64 in JSON (the API takes JSON only), up to 5 MiB; `?format=csv`
 * answers the report to download instead of JSON. Errors in the rows are worded in Spanish, as the sheet is.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { assertCan } from '../../app/access';
import { ApiError, parseInput } from '../../app/errors';
import { IMPORT_BODY_LIMIT, ImportRequestSchema } from '../../app/import/importRequest';
import { prepareImport, type PreparedImport, type Say } from '../../app/import/previewRows';
import { runImport } from '../../app/import/runImport';
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
    const done = await runImport(ctx, user, body, sayInSpanish);
    req.audit = { detail: { file: body.file.name, ...summarize(done.rows.map((r) => r.result)).byStatus } };
    return answer(reply, format(req.query), done);
  });
}

function format(q: { format?: string }): 'json' | 'csv' {
  if (q.format === undefined || q.format === 'json') return 'json';
  if (q.format === 'csv') return 'csv';
  throw new ApiError(400, 'invalid_request', 'must be json or csv', 'format');
}

function answer(reply: FastifyReply, as: 'json' | 'csv', p: PreparedImport) {
  if (as === 'json') return importAnswer(p);
  return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="plazo-importacion.csv"').header('cache-control', 'no-store').send(reportCsv(p.rows.map((r) => r.result)));
}
