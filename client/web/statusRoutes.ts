/** The system status for the admin: a page (/admin/status) and its figures as JSON (/api/status). */
import type { FastifyInstance } from 'fastify';
import { systemStatus } from '../../app/status/systemStatus';
import { userOf, type RouteContext } from '../api/routeContext';
import { statusPage } from './statusPage';
import { langOf, sendHtml } from './webReply';

export function registerStatusRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/admin/status', { config: { auth: 'web', action: 'web.status' } }, async (req, reply) => {
    const user = userOf(req);
    return sendHtml(reply, statusPage(user, langOf(req, reply), await systemStatus(ctx, user)));
  });
  app.get('/api/status', { config: { auth: 'api', action: 'status.read' } }, async (req) => systemStatus(ctx, userOf(req)));
}
