/** /admin/overlays: the DOF closures and suspensions (admins); each form runs one operation of app/overlays. */
import { words } from '../../domain/messages/catalogue';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertCan } from '../../app/access';
import { ApiError, parseInput } from '../../app/errors';
import { addOverlay } from '../../app/overlays/addOverlay';
import { casesMovedBy } from '../../app/overlays/casesMovedBy';
import { listOverlays } from '../../app/overlays/listOverlays';
import { withdrawOverlay } from '../../app/overlays/withdrawOverlay';
import { OverlayBodySchema, VoidBodySchema } from '../../app/schemas';
import type { RouteContext } from '../api/routeContext';
import { webError } from './errorText';
import { overlaysPage } from './overlaysPage';
import { overlayFromForm, type Form } from './webForms';
import { formOf as form, langOf, sendHtml } from './webReply';

export function registerOverlaysWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });
  type WithId = { Params: { id: string } };

  async function renderOverlays(req: FastifyRequest, reply: FastifyReply, extra: { flash?: string | null; error?: ApiError | null; form?: Form }) {
    const user = req.user!;
    assertCan(user, 'manage_overlays');
    const lang = langOf(req, reply);
    const overlays = await listOverlays(ctx.db);
    const moved = new Map<string, { caseId: string; deadlineId: string; due: string }[]>();
    for (const o of overlays) {
      const id = (o.overlay as { id: string }).id;
      moved.set(id, await casesMovedBy(ctx.db, user, id));
    }
    return sendHtml(
      reply,
      overlaysPage({ user, lang, overlays, moved, flash: extra.flash, error: extra.error ? webError(extra.error, lang) : null, form: extra.form }),
      extra.error?.status ?? 200,
    );
  }

  app.get('/admin/overlays', web('web.overlays'), async (req, reply) => {
    const added = (req.query as Record<string, string>)?.added;
    return renderOverlays(req, reply, { flash: added ? `${words(langOf(req, reply)).added} (${added})` : null });
  });

  app.post<WithId>('/admin/overlays/:id/withdraw', web('overlay.withdraw'), async (req, reply) => {
    const user = req.user!;
    assertCan(user, 'manage_overlays');
    try {
      const { reason } = parseInput(VoidBodySchema, { reason: form(req).reason ?? '' });
      const r = await withdrawOverlay(ctx, user, req.params.id, reason);
      req.audit = { detail: { overlayId: req.params.id, reason, casesNotified: r.casesNotified } };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return renderOverlays(req, reply, { error: err });
    }
    return reply.redirect('/admin/overlays', 303);
  });

  app.post('/admin/overlays', web('overlay.add'), async (req, reply) => {
    const user = req.user!;
    assertCan(user, 'manage_overlays');
    let id: string;
    try {
      const body = parseInput(OverlayBodySchema, overlayFromForm(form(req)));
      id = body.id;
      const r = await addOverlay(ctx, user, body);
      req.audit = { detail: { overlayId: id, casesNotified: r.casesNotified } };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return renderOverlays(req, reply, { error: err, form: form(req) });
    }
    return reply.redirect(`/admin/overlays?added=${encodeURIComponent(id)}`, 303);
  });
}
