/** /api/overlays: the DOF closures and suspensions in force; admins add new ones. */
import type { FastifyInstance } from 'fastify';
import { addOverlay } from '../../app/overlays/addOverlay';
import { correctOverlay } from '../../app/overlays/correctOverlay';
import { withdrawOverlay } from '../../app/overlays/withdrawOverlay';
import { assertCan } from '../../app/access';
import { listOverlays } from '../../app/overlays/listOverlays';
import { parseInput } from '../../app/errors';
import { created, userOf, type RouteContext } from './routeContext';
import { OverlayBodySchema, OverlayCorrectionBodySchema, VoidBodySchema } from '../../app/schemas';

export function registerOverlayRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/api/overlays', { config: { action: 'overlay.list', auth: 'api' } }, async () => listOverlays(ctx.db));

  app.post('/api/overlays', { config: { action: 'overlay.add', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    const body = parseInput(OverlayBodySchema, req.body);
    const result = await addOverlay(ctx, user, body);
    req.audit = { detail: { overlayId: body.id, casesNotified: result.casesNotified } };
    return created(reply, result);
  });

  type WithId = { Params: { id: string } };
  app.post<WithId>('/api/overlays/:id/correct', { config: { action: 'overlay.correct', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    const body = parseInput(OverlayCorrectionBodySchema, req.body);
    const result = await correctOverlay(ctx, user, req.params.id, body);
    req.audit = { detail: { overlayId: req.params.id, reason: body.reason, casesNotified: result.casesNotified } };
    return result;
  });

  app.post<WithId>('/api/overlays/:id/withdraw', { config: { action: 'overlay.withdraw', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    const { reason } = parseInput(VoidBodySchema, req.body);
    const result = await withdrawOverlay(ctx, user, req.params.id, reason);
    req.audit = { detail: { overlayId: req.params.id, reason, casesNotified: result.casesNotified } };
    return result;
  });
}
