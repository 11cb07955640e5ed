/**
 * The server-rendered pages. A person logs in by pasting their token (kept in an HttpOnly, SameSite=Strict
 * cookie); forms post to these routes, which call the same commands as the API and show the same errors.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, assertCan } from '../api/access';
import { userForApiToken, type AuthUser } from '../api/auth';
import { listCasePage } from '../api/caseList';
import { CaseListQuerySchema, InboxQuerySchema, type CaseListQuery, type InboxQuery } from '../api/caseListSchema';
import { assignableUsers, casesMovedBy, listOverlays, loadCaseView, loadInbox, loadTimeline } from '../api/caseQueries';
import { publicDeadlineId, temporalLink } from '../api/caseViews';
import { ApiError, parseInput } from '../api/errors';
import type { Lang } from '../api/remaining';
import type { RouteContext } from '../api/routeContext';
import { EscalationBodySchema, EventBodySchema, OverlayBodySchema, VoidBodySchema, WithdrawAckBodySchema } from '../api/schemas';
import { currentFeedLink, issueFeedLink } from '../calendar/feedLink';
import { registerAgendaRoutes } from './agendaRoutes';
import { registerAssetRoutes } from './assets';
import { registerConstanciaRoutes } from './constanciaRoutes';
import { registerDashboardRoutes } from './dashboardRoutes';
import { formWriteOptions } from './idempotencyField';
import { todayInMexico } from './format';
import { casePage } from './casePage';
import { casesPage } from './casesPage';
import { html } from './html';
import { words } from './i18n';
import { inboxPage } from './inboxPage';
import { page } from './layout';
import { loginPage } from './loginPage';
import { overlaysPage } from './overlaysPage';
import { eventFromForm, occurredAtFromForm, overlayFromForm, type Form } from './webForms';
import { formOf, LANG_COOKIE, langOf, parseCookies, sendHtml } from './webReply';
import { registerNewCaseRoutes } from './newCaseRoutes';
import { registerUsersWebRoutes } from './usersWebRoutes';

export const SESSION_COOKIE = 'plazo_session';
export { parseCookies };

/** Sets an empty, expired session cookie: logging out, or a session whose token no longer works. */
export const CLEAR_SESSION = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;

export const sessionToken = (req: FastifyRequest): string | undefined => parseCookies(req.headers.cookie)[SESSION_COOKIE] || undefined;

/** Web pages: the session cookie → the user; without one, to the login form. */
export async function webUser(ctx: RouteContext, req: FastifyRequest): Promise<AuthUser | null> {
  const token = sessionToken(req);
  return token ? userForApiToken(ctx.db, token) : null;
}

const form = formOf;

export function registerWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action?: string) => ({ config: { auth: 'web' as const, ...(action ? { action } : {}) } });
  const temporalOf = (caseId: string) => temporalLink(ctx.links, `case-${caseId}`);
  registerAssetRoutes(app);
  registerAgendaRoutes(app, ctx);
  registerConstanciaRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  type WithId = { Params: { id: string } };

  app.get('/', web(), async (req, reply) => {
    const role = req.user!.role;
    return reply.redirect(role === 'admin' ? '/admin/overlays' : role === 'supervisor' || role === 'director' ? '/inbox' : '/cases', 303);
  });

  app.get('/login', async (req, reply) => {
    const next = (req.query as Record<string, string>)?.next;
    return sendHtml(reply, loginPage(langOf(req, reply), { next: safeNext(next) }));
  });

  // Cross-site posts to /login and /logout are refused before they get here (login CSRF, hardening.ts).
  app.post('/login', { config: { action: 'web.login' } }, async (req, reply) => {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const f = form(req);
    const user = f.token ? await userForApiToken(ctx.db, f.token.trim()) : null;
    if (!user) await ctx.authFailures.failed(req);
    if (!user) return sendHtml(reply, loginPage(langOf(req, reply), { error: true, next: safeNext(f.next) }), 401);
    req.user = user;
    const secure = ctx.links.publicUrl.startsWith('https:') ? '; Secure' : '';
    reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(f.token!.trim())}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200${secure}`);
    return reply.redirect(safeNext(f.next), 303);
  });

  app.post('/logout', async (_req, reply) => {
    reply.header('set-cookie', CLEAR_SESSION);
    return reply.redirect('/login', 303);
  });

  app.get('/cases', web('web.cases'), async (req, reply) => {
    const user = req.user!;
    const lang = langOf(req, reply);
    let query: CaseListQuery;
    let error: ApiError | null = null;
    try {
      query = parseInput(CaseListQuerySchema, req.query ?? {});
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      error = err;
      query = parseInput(CaseListQuerySchema, {});
    }
    const [list, calendar] = await Promise.all([listCasePage(ctx.db, user, query, lang), currentFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, user.id)]);
    const flash = query.done === 'calendar' ? words(lang).calendarMade : null;
    const shownError = error && { message: error.message, field: error.field };
    return sendHtml(reply, casesPage({ user, lang, query, list, temporalLink: temporalOf, calendar, flash, error: shownError }), error ? 400 : 200);
  });

  // Post/redirect/get: reloading the page shows the same link and never issues another.
  app.post('/calendar-link', web('calendar.new_link'), async (req, reply) => {
    const user = req.user!;
    await issueFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, user.id, user.tokenId!);
    return reply.redirect('/cases?done=calendar#calendar', 303);
  });

  async function renderCase(req: FastifyRequest, reply: FastifyReply, id: string, extra: { flash?: string | null; error?: ApiError | null; form?: Form }) {
    const user = req.user!;
    const lang = langOf(req, reply);
    const [view, timeline, people] = await Promise.all([
      loadCaseView(ctx.db, user, id, lang, ctx.links),
      loadTimeline(ctx.db, user, id),
      assignableUsers(ctx.db),
    ]);
    const status = extra.error ? extra.error.status : 200;
    return sendHtml(
      reply,
      casePage({ user, lang, view, timeline, people, flash: extra.flash, error: extra.error ? { message: extra.error.message, field: extra.error.field } : null, form: extra.form }),
      status,
    );
  }

  // Before /cases/:id in the reading order; fastify prefers the static /cases/new either way.
  registerNewCaseRoutes(app, ctx);
  registerUsersWebRoutes(app, ctx);

  app.get<WithId>('/cases/:id', web('web.case'), async (req, reply) => {
    req.audit = { caseId: req.params.id };
    const done = (req.query as Record<string, string>)?.done;
    const w = words(langOf(req, reply));
    const flash = done === 'opened' ? w.caseOpened : done === 'event' ? w.recorded : done === 'ack' ? w.acknowledged : done === 'ack_withdrawn' ? w.ackWithdrawn : done === 'corrected' ? w.eventCorrected : done === 'voided' ? w.eventVoided : done === 'escalated' ? w.escalated : done === 'reassigned' ? w.reassigned : null;
    return renderCase(req, reply, req.params.id, { flash });
  });

  /** Runs a form's command; on a 4xx shows the page again with the error and what was typed. */
  async function submit(req: FastifyRequest<WithId>, reply: FastifyReply, done: string, run: (user: AuthUser, lang: Lang) => Promise<unknown>) {
    req.audit = { caseId: req.params.id };
    const user = req.user!;
    const lang = langOf(req, reply);
    try {
      await run(user, lang);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 404) throw err;
      if (form(req).back === '/inbox') return renderInbox(req, reply, { error: err });
      return renderCase(req, reply, req.params.id, { error: err, form: form(req) });
    }
    const back = form(req).back === '/inbox' ? '/inbox' : `/cases/${encodeURIComponent(req.params.id)}`;
    return reply.redirect(`${back}?done=${done}${back === '/inbox' ? '' : '#deadlines'}`, 303);
  }

  app.post<WithId>('/cases/:id/events', web('case.event'), (req, reply) =>
    submit(req, reply, 'event', (user, lang) => ctx.commands.recordEvent(user, req.params.id, parseInput(EventBodySchema, eventFromForm(form(req))), lang, formWriteOptions(form(req)))),
  );

  app.post<WithId>('/cases/:id/acknowledge', web('deadline.acknowledge'), (req, reply) =>
    submit(req, reply, 'ack', (user, lang) => ctx.commands.acknowledge(user, publicDeadlineId(req.params.id, form(req).deadlineId ?? ''), {}, lang, formWriteOptions(form(req)))),
  );

  app.post<WithId>('/cases/:id/acknowledgements/withdraw', web('deadline.withdraw_acknowledgement'), (req, reply) =>
    submit(req, reply, 'ack_withdrawn', (user, lang) => {
      const f = form(req);
      const body = parseInput(WithdrawAckBodySchema, { series: f.series, for: f.for, reason: f.reason ?? '' });
      return ctx.commands.withdrawAcknowledgement(user, publicDeadlineId(req.params.id, f.deadlineId ?? ''), body, lang, formWriteOptions(f));
    }),
  );

  type WithSeq = { Params: { id: string; seq: string } };
  app.post<WithSeq>('/cases/:id/events/:seq/correct', web('case.event_correct'), (req, reply) =>
    submit(req as never, reply, 'corrected', (user, lang) => {
      const f = form(req);
      const { reason } = parseInput(VoidBodySchema, { reason: f.reason ?? '' });
      return ctx.commands.correctEventDate(user, req.params.id, Number(req.params.seq), (wasInstant) => occurredAtFromForm(f, wasInstant), reason, lang, formWriteOptions(f));
    }),
  );

  app.post<WithSeq>('/cases/:id/events/:seq/void', web('case.event_void'), (req, reply) =>
    submit(req as never, reply, 'voided', (user, lang) => {
      const f = form(req);
      return ctx.commands.voidEvent(user, req.params.id, Number(req.params.seq), parseInput(VoidBodySchema, { reason: f.reason ?? '' }), lang, formWriteOptions(f));
    }),
  );

  app.post<WithId>('/cases/:id/escalations', web('case.escalate'), (req, reply) =>
    submit(req, reply, 'escalated', (user, lang) => {
      const f = form(req);
      const body = parseInput(EscalationBodySchema, { reason: f.reason ?? '', ...(f.deadlineId ? { deadlineId: f.deadlineId } : {}) });
      return ctx.commands.escalate(user, req.params.id, body, lang, formWriteOptions(f));
    }),
  );

  app.post<WithId>('/cases/:id/reassign', web('case.event'), (req, reply) =>
    submit(req, reply, 'reassigned', (user, lang) => {
      const f = form(req);
      const body = parseInput(EventBodySchema, { type: 'assignment_changed', occurredAt: todayInMexico(), role: f.role, userId: f.userId });
      return ctx.commands.recordEvent(user, req.params.id, body, lang, formWriteOptions(f));
    }),
  );

  async function renderInbox(req: FastifyRequest, reply: FastifyReply, extra: { flash?: string | null; error?: ApiError | null }) {
    const user = req.user!;
    const lang = langOf(req, reply);
    // The filters come with the page's address; a form post that failed shows the whole inbox.
    let filters: InboxQuery = {};
    let error = extra.error ?? null;
    try {
      if (req.method === 'GET') filters = parseInput(InboxQuerySchema, req.query ?? {});
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      error = err;
    }
    const inbox = await loadInbox(ctx.db, user, lang, filters);
    return sendHtml(reply, inboxPage(user, lang, inbox, { filters, flash: extra.flash, error: error ? { message: error.message, field: error.field } : null }), error?.status ?? 200);
  }

  app.get('/inbox', web('web.inbox'), async (req, reply) => {
    const w = words(langOf(req, reply));
    const done = (req.query as Record<string, string>)?.done;
    return renderInbox(req, reply, { flash: done === 'ack' ? w.acknowledged : done === 'ack_withdrawn' ? w.ackWithdrawn : done === 'escalated' ? w.escalated : null });
  });

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
      overlaysPage({ user, lang, overlays, moved, flash: extra.flash, error: extra.error ? { message: extra.error.message, field: extra.error.field } : null, form: extra.form }),
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
      const r = await ctx.commands.withdrawOverlay(user, req.params.id, reason);
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
      const r = await ctx.commands.addOverlay(user, body);
      req.audit = { detail: { overlayId: id, casesNotified: r.casesNotified } };
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return renderOverlays(req, reply, { error: err, form: form(req) });
    }
    return reply.redirect(`/admin/overlays?added=${encodeURIComponent(id)}`, 303);
  });
}

/** Only local paths: a login link cannot send a person to another site. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%#]*$/.test(next) ? next : '/';
}

/** An error as a page (web routes) — the API's JSON errors stay JSON. */
export function errorPage(req: FastifyRequest, status: number, message: string, field: string | null = null) {
  const lang: Lang = parseCookies(req.headers.cookie)[LANG_COOKIE] === 'en' ? 'en' : req.user?.language ?? 'es';
  const w = words(lang);
  const title = status === 404 ? w.notFound : status === 403 ? w.forbidden : w.error;
  return page({ title, lang, user: req.user, path: req.url.split('?')[0]!, error: { message, field } }, html`<h1>${title}</h1><p><a href="/">${w.back}</a></p>`);
}

