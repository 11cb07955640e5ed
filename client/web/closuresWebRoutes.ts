/** /admin/closures: load a year's DOF acuerdo of non-business days (admins): preview what moves, then confirm. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertCan } from '../../app/access';
import { loadClosures, previewClosures, type ClosuresResult } from '../../app/closures/loadClosures';
import { ApiError, parseInput } from '../../app/errors';
import { loadedByAuthority } from '../../app/closures/loadedByAuthority';
import { ClosureYearSchema, parseDayList, yearFromText } from '../../domain/closures/closureYear';
import { catalogue } from '../../domain/messages/catalogue';
import { todayInMexico } from '../../domain/time/instant';
import type { RouteContext } from '../api/routeContext';
import { closuresPage } from './closuresPage';
import { webError } from './errorText';
import type { Form } from './webForms';
import { formOf as form, langOf, sendHtml } from './webReply';

/** The form → the body POST /api/closures takes (dates one per line or comma-separated). */
export function closureYearFromForm(f: Form): Record<string, unknown> {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  return {
    authority: f.authority,
    office: opt(f.office),
    year: yearFromText(opt(f.year) ?? ''),
    citation: f.citation ?? '',
    published: f.published ?? '',
    url: opt(f.url),
    dates: parseDayList((f.dates ?? '').replace(/\n/g, ',')),
  };
}

export function registerClosuresWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });

  async function render(req: FastifyRequest, reply: FastifyReply, extra: { flash?: string | null; error?: ApiError | null; form?: Form; preview?: ClosuresResult }) {
    const user = req.user!;
    assertCan(user, 'manage_overlays');
    const lang = langOf(req, reply);
    const loaded = await loadedByAuthority(ctx.db);
    const nextYear = Number(todayInMexico(new Date()).slice(0, 4)) + 1;
    return sendHtml(
      reply,
      closuresPage({ user, lang, loaded, nextYear, form: extra.form, preview: extra.preview, flash: extra.flash, error: extra.error ? webError(extra.error, lang) : null }),
      extra.error?.status ?? 200,
    );
  }

  /** Runs `fn`; a refusal is shown on the page with the form as it was, nothing stored. */
  async function orRefusal(req: FastifyRequest, reply: FastifyReply, fn: () => Promise<FastifyReply>) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { error: err, form: form(req) });
    }
  }

  app.get('/admin/closures', web('web.closures'), async (req, reply) => {
    const q = (req.query as Record<string, string>) ?? {};
    const w = catalogue(langOf(req, reply)).closures;
    const flash = q.loaded !== undefined ? (q.loaded === '0' ? w.nothingChanged : w.loaded(Number(q.loaded) || 0, Number(q.cases) || 0)) : null;
    return render(req, reply, { flash });
  });

  app.post('/admin/closures/preview', web('closures.preview'), async (req, reply) => {
    assertCan(req.user!, 'manage_overlays');
    return orRefusal(req, reply, async () => {
      const acuerdo = parseInput(ClosureYearSchema, closureYearFromForm(form(req)));
      return render(req, reply, { form: form(req), preview: await previewClosures(ctx, req.user!, acuerdo) });
    });
  });

  app.post('/admin/closures', web('closures.load'), async (req, reply) => {
    const user = req.user!;
    assertCan(user, 'manage_overlays');
    return orRefusal(req, reply, async () => {
      const acuerdo = parseInput(ClosureYearSchema, closureYearFromForm(form(req)));
      const r = await loadClosures(ctx, user, acuerdo);
      req.audit = { detail: { authority: acuerdo.authority, office: acuerdo.office, year: acuerdo.year, published: acuerdo.published, alreadyLoaded: r.alreadyLoaded, overlays: r.overlays.map((o) => o.id), casesNotified: r.casesNotified } };
      const n = r.alreadyLoaded ? 0 : r.overlays.length;
      return reply.redirect(`/admin/closures?loaded=${n}&cases=${r.casesNotified?.length ?? 0}`, 303);
    });
  });
}
