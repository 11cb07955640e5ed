/**
 * /import: the spreadsheet import on a page (supervisors and admins). Each post runs app/import's
 * operation, the one POST /api/import/preview and POST /api/import run; a refusal shows the page again,
 * the error next to the file input or the column's select. The import itself runs in the background
 * (app/import/importRuns.ts): its post redirects to /import/runs/:id, which shows its progress, then its
 * result and report.
 *
 * The file between the preview and the import: it travels in the page's form, as base64 in a hidden
 * field, and is posted again with each preview and with the import. Nothing of an unfinished upload is
 * kept on the server: a sheet full of children's names is not left behind when someone closes the tab,
 * there is nothing to expire or clean up, any instance can answer the next post, and what is imported is
 * exactly the file the person previewed (the import runs every check again on it anyway). The cost, the
 * file's bytes twice over the wire, is small at the 5 MiB limit.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertCan } from '../../app/access';
import { errorMessage } from '../../app/errorText';
import { ApiError, parseInput } from '../../app/errors';
import { importAnswer, reportCsv } from '../../app/import/importAnswer';
import { loadImportRun, startImportRun } from '../../app/import/importRuns';
import { IMPORT_BODY_LIMIT, ImportRequestSchema, type ImportRequest } from '../../app/import/importRequest';
import { prepareImport, type Say } from '../../app/import/previewRows';
import { readSheet } from '../../app/import/readSheet';
import { templateDownload } from '../../app/import/template';
import { IMPORT_COLUMN_KEYS } from '../../domain/import/columns';
import type { Lang } from '../../domain/messages/catalogue';
import type { RouteContext } from '../api/routeContext';
import { webError } from './errorText';
import { importPage, importRunPage, type ImportPageInput } from './importPage';
import type { Form } from './webForms';
import { formOf, langOf, sendHtml } from './webReply';

/** The form posts the base64 urlencoded: `+` and `/` grow to three characters each. */
const IMPORT_FORM_LIMIT = Math.ceil(IMPORT_BODY_LIMIT * 1.5);

/** The form → the request the API takes: the file's hidden fields, and the selects' mapping once a preview showed them. */
export function importRequestFromForm(f: Form): Record<string, unknown> {
  const mapping = Object.fromEntries(IMPORT_COLUMN_KEYS.filter((k) => f[`mapping.${k}`] !== undefined).map((k) => [k, f[`mapping.${k}`]]));
  return { file: { name: f['file.name'] ?? '', contentBase64: f['file.contentBase64'] ?? '' }, ...(Object.keys(mapping).length > 0 ? { mapping } : {}) };
}

export function registerImportWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({
    config: { auth: 'web' as const, action },
    preHandler: async (req: FastifyRequest) => assertCan(req.user!, 'import_cases'),
  });
  const upload = (action: string) => ({ ...web(action), bodyLimit: IMPORT_FORM_LIMIT });
  const say = (lang: Lang): Say => (err) => errorMessage(err, lang);
  const render = (req: FastifyRequest, reply: FastifyReply, input: Omit<ImportPageInput, 'user' | 'lang'>, status = 200) =>
    sendHtml(reply, importPage({ user: req.user!, lang: langOf(req, reply), ...input }), status);

  app.get('/import', web('web.import'), async (req, reply) => render(req, reply, {}));

  app.get<{ Params: { format: string } }>('/import/template.:format', web('import.template'), async (req, reply) => {
    const t = await templateDownload(req.params.format);
    return reply.header('content-type', t.type).header('content-disposition', t.disposition).send(t.bytes);
  });

  /** Runs `operation` on the posted form; a refusal shows the page again with what was sent and the error at its input. */
  async function posted(req: FastifyRequest, reply: FastifyReply, operation: (request: ImportRequest, lang: Lang) => Promise<Omit<ImportPageInput, 'user' | 'lang'>>) {
    const lang = langOf(req, reply);
    const sent = importRequestFromForm(formOf(req));
    let request: ImportRequest | undefined;
    try {
      request = parseInput(ImportRequestSchema, sent);
      req.audit = { detail: { file: request.file.name } };
      return render(req, reply, await operation(request, lang));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      // A column the sheet lacks: the sheet's headers, so the person can choose it.
      const headers = request && err.field?.startsWith('mapping.') ? (await readSheet(Buffer.from(request.file.contentBase64, 'base64'), request.file.name)).headers : undefined;
      return render(req, reply, { file: request?.file, headers, mapping: sent.mapping as Record<string, string> | undefined, error: webError(err, lang) }, err.status);
    }
  }

  app.post('/import/preview', upload('import.preview'), async (req, reply) =>
    posted(req, reply, async (request, lang) => {
      const prepared = await prepareImport(ctx, req.user!, request, say(lang));
      return { file: request.file, headers: prepared.headers, mapping: prepared.mapping, answer: importAnswer(prepared) };
    }),
  );

  app.post('/import/run', upload('import.run'), async (req, reply) => {
    const lang = langOf(req, reply);
    const sent = importRequestFromForm(formOf(req));
    try {
      const request = parseInput(ImportRequestSchema, sent);
      const id = await startImportRun(ctx, req.user!, request, say(lang));
      req.audit = { detail: { file: request.file.name, run: id } };
      return reply.redirect(`/import/runs/${id}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { error: webError(err, lang) }, err.status);
    }
  });

  app.get<{ Params: { id: string } }>('/import/runs/:id', web('web.import.run'), async (req, reply) => {
    const lang = langOf(req, reply);
    const run = await loadImportRun(ctx, req.user!, req.params.id);
    return sendHtml(reply, importRunPage({ user: req.user!, lang, run }));
  });

  /** The report in the reader's language, once the run is done. */
  app.get<{ Params: { id: string } }>('/import/runs/:id/report.csv', web('import.report'), async (req, reply) => {
    const run = await loadImportRun(ctx, req.user!, req.params.id);
    if (!run.answer) throw new ApiError(409, 'conflict', `the import is ${run.status}: its report is ready once it is done`, 'id');
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="plazo-importacion.csv"').header('cache-control', 'no-store').send(reportCsv(run.answer.rows, langOf(req, reply)));
  });
}
