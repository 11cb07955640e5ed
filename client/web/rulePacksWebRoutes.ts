/** /rule-packs: the dry run of a rule pack over the open cases a lawyer or admin may move, and applying it (app/rulePacks). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../app/errors';
import { applyPack, packUpdateProgress } from '../../app/rulePacks/applyPack';
import { assertCan } from '../../app/access';
import { packDryRun } from '../../app/rulePacks/packDryRun';
import { RULE_PACKS } from '../../domain';
import type { RouteContext } from '../api/routeContext';
import { webError } from './errorText';
import { rulePacksPage, type RulePacksPageInput } from './rulePacksPage';
import { formOf as form, langOf, sendHtml } from './webReply';

export function registerRulePacksWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });
  const versions = RULE_PACKS.map((p) => p.version).reverse();

  async function render(req: FastifyRequest, reply: FastifyReply, extra: Partial<RulePacksPageInput> & { apiError?: ApiError }) {
    const user = req.user!;
    assertCan(user, 'update_packs');
    const lang = langOf(req, reply);
    const { apiError, ...rest } = extra;
    return sendHtml(reply, rulePacksPage({ user, lang, versions, ...rest, error: apiError ? webError(apiError, lang) : null }), apiError?.status ?? 200);
  }

  app.get('/rule-packs', web('web.rule_packs'), async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const user = req.user!;
    assertCan(user, 'update_packs');
    const progress = q.update ? await packUpdateProgress(ctx, user, q.update).catch(() => undefined) : undefined;
    if (!q.to) return render(req, reply, { progress });
    try {
      return await render(req, reply, { to: q.to, dryRun: await packDryRun(ctx, user, q.to), progress });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { apiError: err });
    }
  });

  app.post('/rule-packs/apply', web('web.rule_packs_apply'), async (req, reply) => {
    const f = form(req);
    const caseIds = Object.keys(f).filter((k) => k.startsWith('case_') && f[k] === 'on').map((k) => k.slice('case_'.length));
    try {
      if (caseIds.length === 0) throw new ApiError(400, 'invalid_request', 'choose at least one case', 'caseIds');
      const started = await applyPack(ctx, req.user!, f.to ?? '', caseIds);
      req.audit = { detail: { to: f.to, ...started } };
      return reply.redirect(`/rule-packs?update=${encodeURIComponent(started.workflowId)}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { apiError: err, to: f.to });
    }
  });
}
