/** /cases/new: the form to open a case. It runs the command POST /api/cases runs, with the same checks. */
import { webError } from './errorText';
import { formWriteOptions } from './idempotencyField';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { doneAnswer } from '../../app/cases/caseAnswers';
import { openCase } from '../../app/cases/openCase';
import { DuplicateWarning } from '../../app/cases/likelyDuplicates';
import { assertCan } from '../../app/access';
import { assignableUsers } from '../../app/people/assignableUsers';
import { ApiError, parseInput } from '../../app/errors';
import type { RouteContext } from '../api/routeContext';
import { OpenCaseBodySchema } from '../../app/schemas';
import { activeOfficeNames } from '../../app/lists/intakeLists';
import { newCasePage } from './newCasePage';
import { caseFromForm } from './webForms';
import { formOf, langOf, sendHtml } from './webReply';

export function registerNewCaseRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });

  async function render(req: FastifyRequest, reply: FastifyReply, error?: ApiError) {
    const lang = langOf(req, reply);
    const people = await assignableUsers(ctx.db);
    const offices = await activeOfficeNames(ctx.db);
    const duplicates = error instanceof DuplicateWarning ? error.duplicates : undefined;
    const page = newCasePage({ user: req.user!, lang, people, offices, error: error ? webError(error, lang) : null, form: error ? formOf(req) : undefined, duplicates });
    return sendHtml(reply, page, error?.status ?? 200);
  }

  app.get('/cases/new', web('web.case_new'), async (req, reply) => {
    assertCan(req.user!, 'open_case');
    return render(req, reply);
  });

  app.post('/cases/new', web('case.open'), async (req, reply) => {
    const user = req.user!;
    assertCan(user, 'open_case');
    let id: string;
    try {
      const body = parseInput(OpenCaseBodySchema, caseFromForm(formOf(req)));
      const opened = await openCase(ctx, user, body, doneAnswer, formWriteOptions(formOf(req)));
      id = opened.caseId;
      req.audit = { caseId: id };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, err);
    }
    return reply.redirect(`/cases/${encodeURIComponent(id)}?done=opened`, 303);
  });
}
