/**
 * The one-click "I'm on it" link of an email: /ack/<token>. No sign-in: the token is the permission, for
 * one action only (acknowledge one series of one deadline for the person it was sent to). GET shows a
 * confirm page and changes nothing (mail scanners prefetch links); POST acknowledges. A repeat is a
 * no-op; an unknown, expired or refused link changes nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AckLinkCheck } from '../../db/ackLinks';
import type { AuthUser } from '../../app/auth';
import { publicDeadlineId } from '../../app/caseViews';
import { ApiError } from '../../app/errors';
import { type Lang, words } from '../../domain/messages/catalogue';
import type { RouteContext } from '../api/routeContext';
import type { AcknowledgeBody } from '../../app/schemas';
import { ackLinkConfirmPage, ackLinkResultPage } from './ackLinkPage';
import { langOf, sendHtml } from './webReply';
import { doneAnswer } from '../../app/cases/caseAnswers';
import { acknowledge } from '../../app/deadlines/acknowledge';
import { ackLinkDeadline, ackLinkUsed, resolveAckLink } from '../../app/deadlines/ackLinks';

type WithToken = { Params: { token: string } };

export function registerAckLinkRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const none = (action: string) => ({ config: { auth: 'none' as const, action } });

  /** The link's person (active only), or a refusal page already sent. */
  async function resolve(req: FastifyRequest<WithToken>, reply: FastifyReply) {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const { check, person } = await resolveAckLink(ctx.db, req.params.token, new Date());
    // The audit names the person; the page speaks their language unless they switched it here.
    if (person) req.user = { id: person.id, name: person.name, email: person.email, role: person.role, language: person.language };
    const lang: Lang = langOf(req, reply);
    if (!check.ok || !person) {
      if (!check.ok && check.why === 'unknown') await ctx.authFailures.failed(req);
      req.audit = { detail: { refused: check.ok ? 'inactive' : check.why } };
      const w = words(lang);
      const why = !check.ok && check.why === 'expired' ? w.ackLinkExpired : w.ackLinkUnknown;
      await sendHtml(reply, ackLinkResultPage(lang, { ok: false, message: `${why} ${w.ackLinkNothingChanged}` }), !check.ok && check.why === 'expired' ? 410 : 404);
      return null;
    }
    req.audit = { caseId: check.link.caseId, detail: { deadlineId: check.link.deadlineId, series: check.link.series, for: person.id } };
    return { link: (check as Extract<AckLinkCheck, { ok: true }>).link, person, lang };
  }

  app.get<WithToken>('/ack/:token', none('deadline.ack_link_view'), async (req, reply) => {
    const r = await resolve(req, reply);
    if (!r) return reply;
    const d = await ackLinkDeadline(ctx.db, r.link.caseId, r.link.deadlineId);
    if (!d) return sendHtml(reply, ackLinkResultPage(r.lang, { ok: false, message: `${words(r.lang).ackLinkUnknown} ${words(r.lang).ackLinkNothingChanged}` }), 404);
    return sendHtml(
      reply,
      ackLinkConfirmPage(r.lang, {
        token: req.params.token,
        person: r.person.name,
        caseId: r.link.caseId,
        deadline: { ruleId: d.rule_id, title: d.title, due: d.due, dueInstant: d.due_instant.toISOString(), unit: d.unit },
        zone: r.person.time_zone,
      }),
    );
  });

  app.post<WithToken>('/ack/:token', none('deadline.ack_link'), async (req, reply) => {
    const r = await resolve(req, reply);
    if (!r) return reply;
    const w = words(r.lang);
    const user: AuthUser = req.user!;
    try {
      // No idempotency key: a repeat is a new Update the case answers as a no-op (and one taken again
      // after a supervisor withdrew it acknowledges again, as the person meant).
      await acknowledge(ctx, user, publicDeadlineId(r.link.caseId, r.link.deadlineId), { series: r.link.series as AcknowledgeBody['series'], for: user.id }, doneAnswer);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      req.audit = { ...req.audit, detail: { ...req.audit?.detail, refused: err.code } };
      return sendHtml(reply, ackLinkResultPage(r.lang, { ok: false, message: `${w.ackLinkRefused}${w.ackLinkNothingChanged}`, caseId: r.link.caseId }), err.status);
    }
    await ackLinkUsed(ctx.db, req.params.token, new Date());
    return sendHtml(reply, ackLinkResultPage(r.lang, { ok: true, message: r.link.usedAt ? w.ackLinkAlready : w.ackLinkDone, caseId: r.link.caseId }));
  });
}
