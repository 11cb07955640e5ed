/** How the case forms answer: the case page or the inbox again on a refusal, a 303 on success. */
import { webError } from './errorText';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../app/access';
import type { AuthUser } from '../../app/auth';
import { InboxQuerySchema, type InboxQuery } from '../../app/caseListSchema';
import { assignableUsers } from '../../app/people/assignableUsers';
import { caseworkerCandidates } from '../../app/people/caseworkerCandidates';
import { loadCaseView } from '../../app/cases/loadCaseView';
import { loadInbox } from '../../app/cases/loadInbox';
import { loadTimeline } from '../../app/cases/loadTimeline';
import { userNames } from '../../app/people/userNames';
import { activePlaceNames } from '../../app/lists/intakeLists';
import { ApiError, parseInput } from '../../app/errors';
import type { Lang } from '../../app/remaining';
import type { RouteContext } from '../api/routeContext';
import type { DateWarning } from '../../domain/case/dateWarnings';
import { casePage, warningText } from './casePage';
import { keptOnDevice } from '../../app/cases/deviceCases';
import { isSync, keepOnDevice } from './offlineMarks';
import { inboxPage } from './inboxPage';
import type { Form } from './webForms';
import { formOf, langOf, sendHtml } from './webReply';

export type WithId = { Params: { id: string } };

const form = formOf;

export interface CasePageExtra {
  flash?: string | null;
  error?: ApiError | null;
  form?: Form;
  warnings?: DateWarning[];
}

/**
 * The case page: after a GET, or again after a form's refusal (with the error and what was typed). To the
 * offline app's worker sending what was typed without signal, the refusal (or the date to confirm) in the
 * person's words as JSON: it shows "rechazado: …" with the values kept.
 */
export async function renderCase(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply, id: string, extra: CasePageExtra) {
  const user = req.user!;
  const lang = langOf(req, reply);
  if (isSync(req) && (extra.error || extra.warnings?.length)) {
    const message = extra.error ? webError(extra.error, lang).message : extra.warnings!.map((x) => warningText(x, lang)).join(' ');
    return reply.code(extra.error?.status ?? 422).send({ status: 'refused', message, field: extra.error ? extra.error.field : 'date' });
  }
  const [view, timeline, people, names, places] = await Promise.all([
    loadCaseView(ctx.db, user, id, lang, ctx.links),
    loadTimeline(ctx.db, user, id),
    assignableUsers(ctx.db),
    userNames(ctx.db),
    activePlaceNames(ctx.db),
  ]);
  const candidates = can(user, 'reassign') ? await caseworkerCandidates(ctx.db, view.assignments) : [];
  const status = extra.error ? extra.error.status : 200;
  if (status === 200 && req.method === 'GET' && keptOnDevice(user, view.assignments)) keepOnDevice(reply, user);
  return sendHtml(
    reply,
    casePage({ user, lang, view, timeline, people, names, candidates, places, flash: extra.flash, error: extra.error ? webError(extra.error, lang) : null, form: extra.form, warnings: extra.warnings }),
    status,
  );
}

/** The supervisor's inbox, with a flash or the error of a form posted from it. */
export async function renderInbox(ctx: RouteContext, req: FastifyRequest, reply: FastifyReply, extra: { flash?: string | null; error?: ApiError | null }) {
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
  const inbox = await loadInbox(ctx.db, user, lang, filters, filters.after);
  return sendHtml(reply, inboxPage(user, lang, inbox, { filters, names: await userNames(ctx.db), flash: extra.flash, error: error ? webError(error, lang) : null }), error?.status ?? 200);
}

/**
 * Runs a form's operation (which answers once the read model shows the write, so the next page shows it
 * and nothing is built here); on a 4xx shows the page again with the error and what was typed. Success is
 * a 303 to the page the form came from: reloading it never posts again.
 */
export async function submit(ctx: RouteContext, req: FastifyRequest<WithId>, reply: FastifyReply, done: string, run: (user: AuthUser, lang: Lang) => Promise<unknown>, syncDetail?: () => Record<string, unknown>) {
  req.audit = { caseId: req.params.id };
  const user = req.user!;
  const lang = langOf(req, reply);
  try {
    await run(user, lang);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status >= 500 || err.status === 404) throw err;
    if (form(req).back === '/inbox') return renderInbox(ctx, req, reply, { error: err });
    return renderCase(ctx, req, reply, req.params.id, { error: err, form: form(req) });
  }
  if (isSync(req)) return reply.send({ status: 'recorded', ...syncDetail?.() });
  const back = form(req).back === '/inbox' ? '/inbox' : `/cases/${encodeURIComponent(req.params.id)}`;
  // To the confirmation itself: on a phone an anchor further down would leave it off-screen.
  return reply.redirect(`${back}?done=${done}${back === '/inbox' ? '' : '#flash'}`, 303);
}
