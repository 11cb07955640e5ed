/**
 * The computation on paper: GET /cases/{id}/constancia.pdf (every deadline of the case) and
 * GET /cases/{id}/deadlines/{deadlineId}/constancia.pdf (one deadline; `weekly_signature.3` for
 * `weekly_signature#3`), for whoever may see the case, in the reader's language.
 */
import type { FastifyInstance } from 'fastify';
import { loadCaseView } from '../../app/cases/loadCaseView';
import { loadTimeline } from '../../app/cases/loadTimeline';
import { parsePublicDeadlineId, publicDeadlineId } from '../../app/caseViews';
import { notFound } from '../../app/errors';
import { userNames } from '../../app/people/userNames';
import type { RouteContext } from '../api/routeContext';
import { renderConstancia } from '../pdf/constancia';
import { langOf } from './webReply';

/** The case page's links to the records. */
export const constanciaHref = (caseId: string, deadlineId?: string) =>
  deadlineId === undefined
    ? `/cases/${encodeURIComponent(caseId)}/constancia.pdf`
    : `/cases/${encodeURIComponent(caseId)}/deadlines/${encodeURIComponent(publicDeadlineId(caseId, deadlineId).slice(caseId.length + 1))}/constancia.pdf`;

export function registerConstanciaRoutes(app: FastifyInstance, ctx: RouteContext): void {
  type Params = { id: string; deadline?: string };
  const handler = async (req: import('fastify').FastifyRequest<{ Params: Params }>, reply: import('fastify').FastifyReply) => {
    const user = req.user!;
    const lang = langOf(req, reply);
    const { id } = req.params;
    req.audit = { caseId: id, ...(req.params.deadline ? { detail: { deadline: req.params.deadline } } : {}) };
    // Everyone who acted on the case by name: an admin who corrected a date is not among the assignable people.
    const [view, timeline, names] = await Promise.all([loadCaseView(ctx.db, user, id, lang, ctx.links), loadTimeline(ctx.db, user, id), userNames(ctx.db)]);
    let deadlineId: string | null = null;
    if (req.params.deadline !== undefined) {
      deadlineId = parsePublicDeadlineId(`${view.id}:${req.params.deadline}`)?.deadlineId ?? null;
      if (!deadlineId || !view.deadlines.some((d) => d.deadlineId === deadlineId)) throw notFound(`no deadline '${req.params.deadline}' on case '${view.id}'`);
    }
    const pdf = await renderConstancia({
      lang,
      view,
      timeline,
      deadlineId,
      issuedBy: { name: user.name, role: user.role },
      issuedAt: new Date(),
      nameOf: (u) => names.get(u) ?? u,
    });
    const file = `constancia-${view.id}${deadlineId ? `-${req.params.deadline}` : ''}.pdf`;
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${file}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  };
  app.get<{ Params: Params }>('/cases/:id/constancia.pdf', { config: { auth: 'web', action: 'case.constancia' } }, handler);
  app.get<{ Params: Params }>('/cases/:id/deadlines/:deadline/constancia.pdf', { config: { auth: 'web', action: 'case.constancia' } }, handler);
}
