/**
 * The case page and its forms. Each form parses what was typed, runs one operation of app/ (which
 * answers once the read model shows the write) and redirects to the page with a confirmation; a refusal
 * shows the page again with the error in the person's words and what they typed (caseFormReply.ts).
 */
import { todayInMexico } from '../../domain/messages/dateWords';
import { words } from '../../domain/messages/catalogue';
import type { FastifyInstance } from 'fastify';
import { assertCan } from '../../app/access';
import { doneAnswer } from '../../app/cases/caseAnswers';
import { correctEventDate } from '../../app/cases/correctEventDate';
import { escalate } from '../../app/cases/escalate';
import { findCase } from '../../app/cases/findCase';
import { recordEvent } from '../../app/cases/recordEvent';
import { unusualEventDates } from '../../app/cases/unusualEventDates';
import { voidEvent } from '../../app/cases/voidEvent';
import { eventAnswerWithDuplicate, type PossibleDuplicate } from '../../app/cases/possibleDuplicate';
import { isSync } from './offlineMarks';
import { publicDeadlineId } from '../../app/caseViews';
import { acknowledge } from '../../app/deadlines/acknowledge';
import { withdrawAcknowledgement } from '../../app/deadlines/withdrawAcknowledgement';
import { parseInput } from '../../app/errors';
import { decidePackChange } from '../../app/rulePacks/decidePackChange';
import { PackDecisionBodySchema } from '../../app/rulePacks/packSchemas';
import { caseworkerCandidates } from '../../app/people/caseworkerCandidates';
import { EscalationBodySchema, EventBodySchema, VoidBodySchema, WithdrawAckBodySchema } from '../../app/schemas';
import type { RouteContext } from '../api/routeContext';
import { renderCase, submit, type WithId } from './caseFormReply';
import { PageError } from './errorText';
import { formWriteOptions } from './idempotencyField';
import { eventFromForm, occurredAtFromForm } from './webForms';
import { formOf as form, langOf } from './webReply';

export function registerCaseRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });

  app.get<WithId>('/cases/:id', web('web.case'), async (req, reply) => {
    req.audit = { caseId: req.params.id };
    const done = (req.query as Record<string, string>)?.done;
    const w = words(langOf(req, reply));
    const flash = done === 'opened' ? w.caseOpened : done === 'event' ? w.recorded : done === 'ack' ? w.acknowledged : done === 'ack_withdrawn' ? w.ackWithdrawn : done === 'corrected' ? w.eventCorrected : done === 'voided' ? w.eventVoided : done === 'escalated' ? w.escalated : done === 'reassigned' ? `${w.reassigned} ${w.reassignNotified}` : done === 'pack_decided' ? w.packDecided : null;
    return renderCase(ctx, req, reply, req.params.id, { flash });
  });

  // Unusual dates of a submitted event (not yet confirmed for that very date) are asked about before
  // recording; the case found for that check is the one the operation records on (one lookup).
  app.post<WithId>('/cases/:id/events', web('case.event'), async (req, reply) => {
    const f = form(req);
    if (!(f.type ?? '').trim()) {
      req.audit = { caseId: req.params.id };
      return renderCase(ctx, req, reply, req.params.id, { form: f, error: new PageError(400, 'invalid_request', words(langOf(req, reply)).eventTypeRequired, 'type') });
    }
    const { row, warnings } = await unusualEventDates(ctx.db, req.user!, req.params.id, { type: f.type ?? '', day: f.date ?? '', confirmed: f.confirmUnusual }, todayInMexico(new Date()));
    if (warnings.length) {
      req.audit = { caseId: req.params.id, detail: { warned: warnings.map((x) => x.code) } };
      return renderCase(ctx, req, reply, req.params.id, { form: f, warnings });
    }
    // Sent by the offline app: an event of the same type on the same day already on the case is told back (posible duplicado).
    let answer: { duplicateOf: PossibleDuplicate | null } | null = null;
    return submit(
      ctx, req, reply, 'event',
      async (user) => {
        const body = parseInput(EventBodySchema, eventFromForm(f));
        const options = { ...formWriteOptions(f), found: row };
        if (isSync(req)) answer = await recordEvent(ctx, user, req.params.id, body, eventAnswerWithDuplicate(ctx, user), options);
        else await recordEvent(ctx, user, req.params.id, body, doneAnswer, options);
      },
      () => (answer?.duplicateOf ? { duplicateOf: answer.duplicateOf } : {}),
    );
  });

  app.post<WithId>('/cases/:id/acknowledge', web('deadline.acknowledge'), (req, reply) =>
    submit(ctx, req, reply, 'ack', (user) => acknowledge(ctx, user, publicDeadlineId(req.params.id, form(req).deadlineId ?? ''), {}, doneAnswer, formWriteOptions(form(req)))),
  );

  app.post<WithId>('/cases/:id/acknowledgements/withdraw', web('deadline.withdraw_acknowledgement'), (req, reply) =>
    submit(ctx, req, reply, 'ack_withdrawn', (user) => {
      const f = form(req);
      const body = parseInput(WithdrawAckBodySchema, { series: f.series, for: f.for, reason: f.reason ?? '' });
      return withdrawAcknowledgement(ctx, user, publicDeadlineId(req.params.id, f.deadlineId ?? ''), body, doneAnswer, formWriteOptions(f));
    }),
  );

  type WithSeq = { Params: { id: string; seq: string } };
  app.post<WithSeq>('/cases/:id/events/:seq/correct', web('case.event_correct'), (req, reply) =>
    submit(ctx, req as never, reply, 'corrected', (user) => {
      const f = form(req);
      const { reason } = parseInput(VoidBodySchema, { reason: f.reason ?? '' });
      return correctEventDate(ctx, user, req.params.id, Number(req.params.seq), (wasInstant) => occurredAtFromForm(f, wasInstant), reason, doneAnswer, formWriteOptions(f));
    }),
  );

  app.post<WithSeq>('/cases/:id/events/:seq/void', web('case.event_void'), (req, reply) =>
    submit(ctx, req as never, reply, 'voided', (user) => {
      const f = form(req);
      return voidEvent(ctx, user, req.params.id, Number(req.params.seq), parseInput(VoidBodySchema, { reason: f.reason ?? '' }), doneAnswer, formWriteOptions(f));
    }),
  );

  app.post<WithId>('/cases/:id/escalations', web('case.escalate'), (req, reply) =>
    submit(ctx, req, reply, 'escalated', (user) => {
      const f = form(req);
      const body = parseInput(EscalationBodySchema, { reason: f.reason ?? '', ...(f.deadlineId ? { deadlineId: f.deadlineId } : {}) });
      return escalate(ctx, user, req.params.id, body, doneAnswer, formWriteOptions(f));
    }),
  );

  // Accept or refuse a rule-pack change waiting on a deadline (app/rulePacks/decidePackChange.ts).
  app.post<WithId>('/cases/:id/rule-pack', web('case.rule_pack_decision'), (req, reply) =>
    submit(ctx, req, reply, 'pack_decided', (user) => {
      const f = form(req);
      const body = parseInput(PackDecisionBodySchema, { accept: f.decision === 'accept', ...(f.decision === 'accept' ? {} : { reason: f.reason ?? '' }) });
      return decidePackChange(ctx, user, req.params.id, { deadlineId: f.deadlineId ?? '', ...body }, formWriteOptions(f).idempotencyKey);
    }),
  );

  // A new caseworker from the case's teams, with a reason (kept as the event's note: timeline and audit).
  // Errors are in the person's words and name the field; any person not offered gets the same answer,
  // so nobody learns another's role or existence.
  app.post<WithId>('/cases/:id/reassign', web('case.reassign'), (req, reply) =>
    submit(ctx, req, reply, 'reassigned', async (user, lang) => {
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
      return recordEvent(ctx, user, req.params.id, body, doneAnswer, { ...formWriteOptions(f), found: row });
    }),
  );
}
