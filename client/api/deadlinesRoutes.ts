/** /api/deadlines: the caller's upcoming and overdue deadlines; acknowledge one ("I'm on it"). */
import type { FastifyInstance } from 'fastify';
import { caseViewAnswer } from '../../app/cases/caseAnswers';
import { acknowledge } from '../../app/deadlines/acknowledge';
import { withdrawAcknowledgement } from '../../app/deadlines/withdrawAcknowledgement';
import { listDeadlines } from '../../app/cases/listDeadlines';
import { parsePublicDeadlineId } from '../../app/caseViews';
import { parseInput } from '../../app/errors';
import { userOf, writeOptions, type RouteContext } from './routeContext';
import { AcknowledgeBodySchema, DeadlinesQuerySchema, WithdrawAckBodySchema } from '../../app/schemas';

export function registerDeadlineRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/deadlines', { config: { action: 'deadline.list', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    const q = parseInput(DeadlinesQuerySchema, req.query ?? {});
    const page = await listDeadlines(ctx.db, user, q.within, user.language, {}, { limit: q.limit, after: q.after });
    // Still an array (clients written for it keep working); the next page is a Link, as RFC 8288 has it.
    if (page.next) reply.header('link', `</api/deadlines?${new URLSearchParams({ within: `${q.within}d`, limit: String(q.limit), after: page.next })}>; rel="next"`);
    return page.items;
  });

  app.post<{ Params: { id: string } }>('/api/deadlines/:id/acknowledge', { config: { action: 'deadline.acknowledge', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    req.audit = { caseId: parsePublicDeadlineId(req.params.id)?.caseId, detail: { deadline: req.params.id } };
    const body = parseInput(AcknowledgeBodySchema, req.body === undefined ? {} : req.body);
    return acknowledge(ctx, user, req.params.id, body, caseViewAnswer(ctx, user, user.language), writeOptions(req));
  });

  app.post<{ Params: { id: string } }>('/api/deadlines/:id/acknowledgements/withdraw', { config: { action: 'deadline.withdraw_acknowledgement', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    req.audit = { caseId: parsePublicDeadlineId(req.params.id)?.caseId, detail: { deadline: req.params.id } };
    const body = parseInput(WithdrawAckBodySchema, req.body === undefined ? {} : req.body);
    req.audit.detail = { deadline: req.params.id, series: body.series, for: body.for };
    return withdrawAcknowledgement(ctx, user, req.params.id, body, caseViewAnswer(ctx, user, user.language), writeOptions(req));
  });
}
