/** /api/closures: a year's acuerdo of non-business days (admins): preview what it moves, then load it. */
import type { FastifyInstance } from 'fastify';
import { loadClosures, previewClosures } from '../../app/closures/loadClosures';
import { assertCan } from '../../app/access';
import { parseInput } from '../../app/errors';
import { ClosureYearSchema } from '../../domain/closures/closureYear';
import { created, userOf, type RouteContext } from './routeContext';

export function registerClosuresRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.post('/api/closures/preview', { config: { action: 'closures.preview', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    return previewClosures(ctx, user, parseInput(ClosureYearSchema, req.body));
  });

  app.post('/api/closures', { config: { action: 'closures.load', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'manage_overlays');
    const acuerdo = parseInput(ClosureYearSchema, req.body);
    const result = await loadClosures(ctx, user, acuerdo);
    req.audit = { detail: { authority: acuerdo.authority, office: acuerdo.office, year: acuerdo.year, published: acuerdo.published, alreadyLoaded: result.alreadyLoaded, overlays: result.overlays.map((o) => o.id), casesNotified: result.casesNotified } };
    return result.alreadyLoaded ? result : created(reply, result);
  });
}
