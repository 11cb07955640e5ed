/** /inbox: the supervisor's inbox (its forms post to the case routes with back=/inbox). */
import { words } from '../../domain/messages/catalogue';
import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../api/routeContext';
import { renderInbox } from './caseFormReply';
import { langOf } from './webReply';

export function registerInboxRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/inbox', { config: { auth: 'web' as const, action: 'web.inbox' } }, async (req, reply) => {
    const w = words(langOf(req, reply));
    const done = (req.query as Record<string, string>)?.done;
    return renderInbox(ctx, req, reply, { flash: done === 'ack' ? w.acknowledged : done === 'ack_withdrawn' ? w.ackWithdrawn : done === 'escalated' ? w.escalated : null });
  });
}
