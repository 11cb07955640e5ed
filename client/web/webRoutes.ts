/**
 * The server-rendered pages. A person signs in by an emailed link, single sign-on or a token (signInRoutes.ts,
 * a server-side session per device); forms post to these routes, which run the same operations as the API
 * (app/) and show the same errors. Each area registers its own routes.
 */
import { errorMessage } from '../../app/errorText';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listCasePage } from '../../app/cases/listCasePage';
import { CaseListQuerySchema, type CaseListQuery } from '../../app/caseListSchema';
import { temporalLink } from '../../app/caseViews';
import { ApiError, parseInput } from '../../app/errors';
import type { Lang } from '../../app/remaining';
import type { RouteContext } from '../api/routeContext';
import { currentFeedLink, issueFeedLink } from '../../app/calendar/feedLink';
import { registerAckLinkRoutes } from './ackLinkRoutes';
import { registerPreferencesRoutes } from './preferencesRoutes';
import { registerAgendaRoutes } from './agendaRoutes';
import { registerAssetRoutes } from './assets';
import { registerOfflineRoutes } from './offlineRoutes';
import { keepOnDevice } from './offlineMarks';
import { caseListIsOwn } from '../../app/cases/deviceCases';
import { registerCaseRoutes } from './caseRoutes';
import { registerConstanciaRoutes } from './constanciaRoutes';
import { registerDashboardRoutes } from './dashboardRoutes';
import { registerInboxRoutes } from './inboxRoutes';
import { registerOverlaysWebRoutes } from './overlaysWebRoutes';
import { registerClosuresWebRoutes } from './closuresWebRoutes';
import { registerListsWebRoutes } from './listsWebRoutes';
import { registerRulePacksWebRoutes } from './rulePacksWebRoutes';
import { registerImportWebRoutes } from './importWebRoutes';
import { casesPage } from './casesPage';
import { html } from './html';
import { words } from '../../domain/messages/catalogue';
import { page } from './layout';
import { LANG_COOKIE, langOf, parseCookies, sendHtml } from './webReply';
import { registerNewCaseRoutes } from './newCaseRoutes';
import { registerUsersWebRoutes } from './usersWebRoutes';
import { registerSignInRoutes } from './signInRoutes';

export { parseCookies };

export function registerWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action?: string) => ({ config: { auth: 'web' as const, ...(action ? { action } : {}) } });
  const temporalOf = (caseId: string) => temporalLink(ctx.links, `case-${caseId}`);
  registerAssetRoutes(app);
  registerOfflineRoutes(app, ctx);
  registerAckLinkRoutes(app, ctx);
  registerPreferencesRoutes(app, ctx);
  registerAgendaRoutes(app, ctx);
  registerConstanciaRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);

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
    // A caseworker's or a lawyer's list holds only their own cases: their device may keep it.
    if (!error && caseListIsOwn(user)) keepOnDevice(reply, user);
    const shownError = error && { message: error.message, field: error.field };
    return sendHtml(reply, casesPage({ user, lang, query, list, temporalLink: temporalOf, calendar, flash, error: shownError }), error ? 400 : 200);
  });

  // Post/redirect/get: reloading the page shows the same link and never issues another.
  app.post('/calendar-link', web('calendar.new_link'), async (req, reply) => {
    const user = req.user!;
    await issueFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, user.id, user.tokenId ?? null);
    return reply.redirect('/cases?done=calendar#calendar', 303);
  });

  // Before /cases/:id in the reading order; fastify prefers the static /cases/new either way.
  registerNewCaseRoutes(app, ctx);
  registerUsersWebRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerInboxRoutes(app, ctx);
  registerOverlaysWebRoutes(app, ctx);
  registerClosuresWebRoutes(app, ctx);
  registerListsWebRoutes(app, ctx);
  registerRulePacksWebRoutes(app, ctx);
  registerImportWebRoutes(app, ctx);
}

/** An error as a page (web routes) — the API's JSON errors stay JSON. */
export function errorPage(req: FastifyRequest, status: number, message: string, field: string | null = null) {
  const lang: Lang = parseCookies(req.headers.cookie)[LANG_COOKIE] === 'en' ? 'en' : req.user?.language ?? 'es';
  const w = words(lang);
  const title = status === 404 ? w.notFound : status === 403 ? w.forbidden : w.error;
  return page({ title, lang, user: req.user, path: req.url.split('?')[0]!, error: { message: status === 404 || status === 403 ? title : errorMessage({ message, field }, lang), field } }, html`<h1>${title}</h1><p><a href="/">${w.back}</a></p>`);
}
