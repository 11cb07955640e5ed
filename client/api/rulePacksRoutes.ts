/** /api/rule-packs: what a newer rule pack would change on open cases, applying it, and deciding what waits (lawyer, admin). */
import type { FastifyInstance } from 'fastify';
import { caseViewAnswer } from '../../app/cases/caseAnswers';
import { parsePublicDeadlineId } from '../../app/caseViews';
import { notFound, parseInput } from '../../app/errors';
import { applyPack, packUpdateProgress } from '../../app/rulePacks/applyPack';
import { decidePackChange } from '../../app/rulePacks/decidePackChange';
import { packDryRun } from '../../app/rulePacks/packDryRun';
import { PackDecisionBodySchema, PackUpdateBodySchema } from '../../app/rulePacks/packSchemas';
import { userOf, writeOptions, type RouteContext } from './routeContext';

export function registerRulePackRoutes(app: FastifyInstance, ctx: RouteContext): void {
  type Version = { Params: { version: string } };
  app.post<Version>('/api/rule-packs/:version/dry-run', { config: { action: 'rule_pack.dry_run', auth: 'api' } }, async (req) => {
    const { caseIds } = parseInput(PackUpdateBodySchema, req.body ?? {});
    return packDryRun(ctx, userOf(req), req.params.version, caseIds);
  });

  app.post<Version>('/api/rule-packs/:version/apply', { config: { action: 'rule_pack.apply', auth: 'api' } }, async (req, reply) => {
    const { caseIds } = parseInput(PackUpdateBodySchema, req.body ?? {});
    const started = await applyPack(ctx, userOf(req), req.params.version, caseIds);
    req.audit = { detail: { to: req.params.version, ...started } };
    return reply.code(202).send(started);
  });

  app.get<{ Params: { id: string } }>('/api/rule-pack-updates/:id', { config: { action: 'rule_pack.progress', auth: 'api' } }, async (req) => packUpdateProgress(ctx, userOf(req), req.params.id));

  app.post<{ Params: { id: string } }>('/api/deadlines/:id/rule-pack', { config: { action: 'rule_pack.decide', auth: 'api' } }, async (req) => {
    const user = userOf(req);
    const target = parsePublicDeadlineId(req.params.id);
    if (!target) throw notFound(`no deadline '${req.params.id}'`);
    req.audit = { caseId: target.caseId, detail: { deadline: req.params.id } };
    const body = parseInput(PackDecisionBodySchema, req.body ?? {});
    const written = await decidePackChange(ctx, user, target.caseId, { deadlineId: target.deadlineId, ...body }, writeOptions(req).idempotencyKey);
    return caseViewAnswer(ctx, user, user.language).of(written);
  });
}
