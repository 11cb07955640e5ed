/** /api/overlays: the DOF closures and suspensions in force; admins add new ones. */
import type { FastifyInstance } from 'fastify';
import { assertCan } from './access';
import { listOverlays } from './caseQueries';
import { parseInput } from './errors';
import { created, userOf, type RouteContext } from './routeContext';
import { OverlayBodySchema } from './schemas';

export function registerOverlayRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/overlays', { config: { action: 'overlay.list', auth: 'api' } }, async () => listOverlays(ctx.db));

  app.post('/api/overlays', { config: { action: 'overlay.add', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    const body = parseInput(OverlayBodySchema, req.body);
    const result = await ctx.commands.addOverlay(user, body);
    req.audit = { detail: { overlayId: body.id, casesNotified: result.casesNotified } };
    return created(reply, result);
  });
}
