/**
 * The server-rendered pages. A person signs in by an emailed link, single sign-on or a token (signInRoutes.ts,
 * a server-side session per device); forms post to these routes, which call the same commands as the API and show the same errors.
 */
import { errorMessage, PageError, webError } from './errorText';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, assertCan } from '../api/access';
import type { AuthUser } from '../api/auth';
import { listCasePage } from '../api/caseList';
import { CaseListQuerySchema, InboxQuerySchema, type CaseListQuery, type InboxQuery } from '../api/caseListSchema';
import { assignableUsers, caseworkerCandidates, casesMovedBy, findCase, listOverlays, loadCaseView, loadInbox, loadTimeline, userNames } from '../api/caseQueries';
import { publicDeadlineId, temporalLink } from '../api/caseViews';
import { ApiError, parseInput } from '../api/errors';
import { type Lang, words } from '../../domain/messages/catalogue';
import type { RouteContext } from '../api/routeContext';
import { EscalationBodySchema, EventBodySchema, OverlayBodySchema, VoidBodySchema, WithdrawAckBodySchema } from '../api/schemas';
import { currentFeedLink, issueFeedLink } from '../calendar/feedLink';
import { registerAckLinkRoutes } from './ackLinkRoutes';
import { registerPreferencesRoutes } from './preferencesRoutes';
import { eventDateWarnings, type DateWarning } from '../../domain/case/dateWarnings';
import { calendarFor, remainingContext } from '../../domain/remaining';
import { getRule, getRulePack } from '../../domain/rules/rulePack';
import { isValidLocalDate } from '../../domain/time/localDate';
import { loadOverlays } from '../../db/overlays';
import { registerAgendaRoutes } from './agendaRoutes';
import { registerAssetRoutes } from './assets';
import { registerConstanciaRoutes } from './constanciaRoutes';
import { registerDashboardRoutes } from './dashboardRoutes';
import { formWriteOptions } from './idempotencyField';
import { todayInMexico } from '../../domain/messages/dateWords';
import { casePage } from './casePage';
import { casesPage } from './casesPage';
import { html } from './html';
import { inboxPage } from './inboxPage';
import { page } from './layout';
import { overlaysPage } from './overlaysPage';
import { eventFromForm, occurredAtFromForm, overlayFromForm, type Form } from './webForms';
import { formOf, LANG_COOKIE, langOf, parseCookies, sendHtml } from './webReply';
import { registerNewCaseRoutes } from './newCaseRoutes';
import { registerUsersWebRoutes } from './usersWebRoutes';
import { registerSignInRoutes } from './signInRoutes';

export { parseCookies };

const form = formOf;

export function registerWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action?: string) => ({ config: { auth: 'web' as const, ...(action ? { action } : {}) } });
  const temporalOf = (caseId: string) => temporalLink(ctx.links, `case-${caseId}`);
  registerAssetRoutes(app);
  registerAckLinkRoutes(app, ctx);
  registerPreferencesRoutes(app, ctx);
  registerAgendaRoutes(app, ctx);
  registerConstanciaRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
  type WithId = { Params: { id: string } };

  app.get('/', web(), async (req, reply) => {
    const role = req.user!.role;
    return reply.redirect(role === 'admin' ? '/admin/overlays' : role === 'supervisor' || role === 'director' ? '/inbox' : '/cases', 303);
  });

  registerSignInRoutes(app, ctx);

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
    await issueFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, user.id, user.tokenId ?? null);
    return reply.redirect('/cases?done=calendar#calendar', 303);
  });

  async function renderCase(req: FastifyRequest, reply: FastifyReply, id: string, extra: { flash?: string | null; error?: ApiError | null; form?: Form; warnings?: DateWarning[] }) {
    const user = req.user!;
    const lang = langOf(req, reply);
    const [view, timeline, people, names] = await Promise.all([
      loadCaseView(ctx.db, user, id, lang, ctx.links),
      loadTimeline(ctx.db, user, id),
      assignableUsers(ctx.db),
      userNames(ctx.db),
    ]);
    const candidates = can(user, 'reassign') ? await caseworkerCandidates(ctx.db, view.assignments) : [];
    const status = extra.error ? extra.error.status : 200;
    return sendHtml(
      reply,
      casePage({ user, lang, view, timeline, people, names, candidates, flash: extra.flash, error: extra.error ? webError(extra.error, lang) : null, form: extra.form, warnings: extra.warnings }),
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
    const flash = done === 'opened' ? w.caseOpened : done === 'event' ? w.recorded : done === 'ack' ? w.acknowledged : done === 'ack_withdrawn' ? w.ackWithdrawn : done === 'corrected' ? w.eventCorrected : done === 'voided' ? w.eventVoided : done === 'escalated' ? w.escalated : done === 'reassigned' ? `${w.reassigned} ${w.reassignNotified}` : null;
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
    // To the confirmation itself: on a phone an anchor further down would leave it off-screen.
    return reply.redirect(`${back}?done=${done}${back === '/inbox' ? '' : '#flash'}`, 303);
  }

  /** Unusual dates of a submitted event (not yet confirmed for that very date): the page asks before recording. */
  async function warningsOf(user: AuthUser, caseId: string, f: Form): Promise<DateWarning[]> {
    const day = (f.date ?? '').trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || !isValidLocalDate(day) || f.confirmUnusual === day) return [];
    const row = await findCase(ctx.db, user, caseId);
    const rule = getRule('weekly_signature', getRulePack(row.rule_pack));
    const calendar = calendarFor(remainingContext(await loadOverlays(ctx.db), new Date()), rule.calendar, rule.id, row.office);
    return eventDateWarnings({ type: f.type ?? '', day }, calendar, todayInMexico(new Date()));
  }

  app.post<WithId>('/cases/:id/events', web('case.event'), async (req, reply) => {
    if (!(form(req).type ?? '').trim()) {
      req.audit = { caseId: req.params.id };
      return renderCase(req, reply, req.params.id, { form: form(req), error: new PageError(400, 'invalid_request', words(langOf(req, reply)).eventTypeRequired, 'type') });
    }
    const warnings = await warningsOf(req.user!, req.params.id, form(req));
    if (warnings.length) {
      req.audit = { caseId: req.params.id, detail: { warned: warnings.map((x) => x.code) } };
      return renderCase(req, reply, req.params.id, { form: form(req), warnings });
    }
    return submit(req, reply, 'event', (user, lang) => ctx.commands.recordEvent(user, req.params.id, parseInput(EventBodySchema, eventFromForm(form(req))), lang, formWriteOptions(form(req))));
  });

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

  // A new caseworker from the case's teams, with a reason (kept as the event's note: timeline and audit).
  // Errors are in the person's words and name the field; any person not offered gets the same answer,
  // so nobody learns another's role or existence.
  app.post<WithId>('/cases/:id/reassign', web('case.reassign'), (req, reply) =>
    submit(req, reply, 'reassigned', async (user, lang) => {
      const f = form(req);
      const w = words(lang);
      assertCan(user, 'reassign');
      const row = await findCase(ctx.db, user, req.params.id);
      const reason = (f.reason ?? '').trim();
      if (reason.length < 3 || reason.length > 2000) throw new PageError(400, 'invalid_request', w.reassignReasonRequired, 'reason');
      const current = row.caseworker_id;
      const offered = await caseworkerCandidates(ctx.db, { caseworker: row.caseworker_id, supervisor: row.supervisor_id });
      const userId = (f.userId ?? '').trim();
      if (!offered.some((u) => u.id === userId)) throw new PageError(422, 'invalid_assignment', w.reassignPersonInvalid, 'userId');
      if (userId === current) throw new PageError(422, 'invalid_assignment', w.reassignSame, 'userId');
      req.audit = { caseId: req.params.id, detail: { role: 'caseworker', from: current, to: userId, reason } };
      const body = parseInput(EventBodySchema, { type: 'assignment_changed', occurredAt: todayInMexico(new Date()), role: 'caseworker', userId, note: reason });
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
    return sendHtml(reply, inboxPage(user, lang, inbox, { filters, names: await userNames(ctx.db), flash: extra.flash, error: error ? webError(error, lang) : null }), error?.status ?? 200);
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

/** An error as a page (web routes) — the API's JSON errors stay JSON. */
export function errorPage(req: FastifyRequest, status: number, message: string, field: string | null = null) {
  const lang: Lang = parseCookies(req.headers.cookie)[LANG_COOKIE] === 'en' ? 'en' : req.user?.language ?? 'es';
  const w = words(lang);
  const title = status === 404 ? w.notFound : status === 403 ? w.forbidden : w.error;
  return page({ title, lang, user: req.user, path: req.url.split('?')[0]!, error: { message: status === 404 || status === 403 ? title : errorMessage({ message, field }, lang), field } }, html`<h1>${title}</h1><p><a href="/">${w.back}</a></p>`);
}

