/** /api/cases: open, read, record events, escalate. */
import type { FastifyInstance } from 'fastify';
import { assertCan } from '../../app/access';
import { caseViewAnswer } from '../../app/cases/caseAnswers';
import { correctEvent } from '../../app/cases/correctEvent';
import { escalate } from '../../app/cases/escalate';
import { openCase, openedCaseAnswer } from '../../app/cases/openCase';
import { recordEvent } from '../../app/cases/recordEvent';
import { voidEvent } from '../../app/cases/voidEvent';
import { listCases } from '../../app/cases/listCases';
import { loadCaseView } from '../../app/cases/loadCaseView';
import { loadTimeline } from '../../app/cases/loadTimeline';
import { timelinePeople } from '../../app/cases/timelinePeople';
import { ApiError, parseInput } from '../../app/errors';
import { created, userOf, writeOptions, type RouteContext } from './routeContext';
import { CasesQuerySchema, CorrectionBodySchema, EscalationBodySchema, EventBodySchema, MAX_SEQ, OpenCaseBodySchema, VoidBodySchema } from '../../app/schemas';

export function registerCaseRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const api = (action: string) => ({ config: { action, auth: 'api' as const } });
  type WithId = { Params: { id: string } };

  app.get('/api/cases', api('case.list'), async (req) => {
    const user = userOf(req);
    const q = parseInput(CasesQuerySchema, req.query ?? {});
    return listCases(ctx.db, user, user.language, { includeClosed: q.closed === 'true', limit: q.limit, after: q.after });
  });

  app.post('/api/cases', api('case.open'), async (req, reply) => {
    const user = userOf(req);
    assertCan(user, 'open_case');
    const body = parseInput(OpenCaseBodySchema, req.body);
    const opened = await openCase(ctx, user, body, openedCaseAnswer(ctx, user, user.language), writeOptions(req));
    req.audit = { caseId: opened.id };
    return created(reply.header('location', `/api/cases/${encodeURIComponent(opened.id)}`), opened);
  });

  app.get<WithId>('/api/cases/:id', api('case.read'), async (req) => {
    const user = userOf(req);
    req.audit = { caseId: req.params.id };
    return loadCaseView(ctx.db, user, req.params.id, user.language, ctx.links);
  });

  app.get<WithId>('/api/cases/:id/timeline', api('case.timeline'), async (req) => {
    req.audit = { caseId: req.params.id };
    return loadTimeline(ctx.db, userOf(req), req.params.id);
  });

  app.get<WithId>('/api/cases/:id/timeline/people', api('case.timeline'), async (req) => {
    req.audit = { caseId: req.params.id };
    return timelinePeople(ctx.db, userOf(req), req.params.id);
  });

  app.post<WithId>('/api/cases/:id/events', api('case.event'), async (req) => {
    const user = userOf(req);
    req.audit = { caseId: req.params.id };
    const body = parseInput(EventBodySchema, req.body);
    req.audit.detail = { type: body.type, occurredAt: body.occurredAt };
    return recordEvent(ctx, user, req.params.id, body, caseViewAnswer(ctx, user, user.language), writeOptions(req));
  });

  type WithSeq = { Params: { id: string; seq: string } };
  const seqOf = (raw: string) => {
    const seq = Number(raw);
    // Timeline numbers are Postgres integers: a larger number can name no event (and must not reach SQL).
    if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new ApiError(400, 'invalid_request', `must be the timeline number of an event (1 to ${MAX_SEQ})`, 'seq');
    return seq;
  };

  app.post<WithSeq>('/api/cases/:id/events/:seq/correct', api('case.event_correct'), async (req) => {
    const user = userOf(req);
    const seq = seqOf(req.params.seq);
    req.audit = { caseId: req.params.id };
    const body = parseInput(CorrectionBodySchema, req.body);
    req.audit.detail = { seq, reason: body.reason, type: body.event.type, occurredAt: body.event.occurredAt };
    return correctEvent(ctx, user, req.params.id, seq, body, caseViewAnswer(ctx, user, user.language), writeOptions(req));
  });

  app.post<WithSeq>('/api/cases/:id/events/:seq/void', api('case.event_void'), async (req) => {
    const user = userOf(req);
    const seq = seqOf(req.params.seq);
    req.audit = { caseId: req.params.id };
    const body = parseInput(VoidBodySchema, req.body);
    req.audit.detail = { seq, reason: body.reason };
    return voidEvent(ctx, user, req.params.id, seq, body, caseViewAnswer(ctx, user, user.language), writeOptions(req));
  });

  app.post<WithId>('/api/cases/:id/escalations', api('case.escalate'), async (req, reply) => {
    const user = userOf(req);
    req.audit = { caseId: req.params.id };
    const body = parseInput(EscalationBodySchema, req.body);
    req.audit.detail = { deadlineId: body.deadlineId };
    return created(reply, await escalate(ctx, user, req.params.id, body, caseViewAnswer(ctx, user, user.language), writeOptions(req)));
  });
}
