/**
 * Applies a rule pack to one case, a selection, or every open case the person may move: a workflow
 * (workflows/rulePackUpdate.ts) that moves them one by one, each through its own Update. The same person
 * applying the same pack to the same cases gets the same run back (its id is derived from them).
 */
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { recordAudit } from '../../db/auditLog';
import { rulePackUpdateProgressQuery, rulePackUpdateWorkflowId, type RulePackUpdateProgress } from '../../workflows/rulePackUpdate';
import type { rulePackUpdateWorkflow } from '../../workflows/rulePackUpdate';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { notFound } from '../errors';
import { assertCan } from '../access';
import { packCases, targetPack } from './packCases';

export async function applyPack(deps: AppDeps, user: AuthUser, to: string, caseIds?: string[]): Promise<{ workflowId: string; total: number }> {
  const pack = targetPack(to);
  const ids = await packCases(deps.db, user, caseIds);
  const key = createHash('sha256').update(`${user.id}\n${ids.join('\n')}`).digest('hex').slice(0, 16);
  const workflowId = rulePackUpdateWorkflowId(pack.version, key);
  try {
    await deps.temporal.workflow.start<typeof rulePackUpdateWorkflow>('rulePackUpdateWorkflow', { taskQueue: deps.taskQueue, workflowId, args: [{ to: pack.version, caseIds: ids, by: user.id }] });
    await recordAudit(deps.db, { user_id: user.id, action: 'rule_pack.apply', case_id: ids.length === 1 ? ids[0]! : null, method: 'APP', path: `rules update --to ${pack.version}`, status: 202, ip: null, detail: { to: pack.version, caseIds: ids, workflowId } });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return { workflowId, total: ids.length };
}

/** How far a rule-pack update has got (only for people who may update packs). */
export async function packUpdateProgress(deps: AppDeps, user: AuthUser, workflowId: string): Promise<RulePackUpdateProgress> {
  assertCan(user, 'update_packs');
  if (!workflowId.startsWith('rule-pack-update-')) throw notFound(`no rule-pack update '${workflowId}'`);
  return deps.temporal.workflow.getHandle(workflowId).query(rulePackUpdateProgressQuery);
}
