/**
 * Applying a rule pack to open cases (issue 24): one case at a time, each through its own Update on the
 * case workflow (activities/packUpdate.ts). Progress is a query; a worker that dies mid-way leaves the
 * workflow where it was and another worker goes on from the next case (the Update id makes a repeated
 * case answer with its first result; a new run asks each case again). A second run over the same cases
 * changes nothing.
 */
import { continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CaseMoveResult } from '../activities/packUpdate';

const { moveCaseToPack } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface RulePackUpdateInput {
  to: string;
  caseIds: string[];
  /** Who applied it: named on each case's timeline. */
  by: string;
  /** Carried over by continue-as-new. */
  results?: CaseMoveResult[];
}

export interface RulePackUpdateProgress {
  to: string;
  total: number;
  done: number;
  results: CaseMoveResult[];
}

export const rulePackUpdateProgressQuery = defineQuery<RulePackUpdateProgress>('progress');
export const rulePackUpdateWorkflowId = (to: string, key: string) => `rule-pack-update-${to}-${key}`;
const CASES_BEFORE_CONTINUE = 500;

export async function rulePackUpdateWorkflow(input: RulePackUpdateInput): Promise<RulePackUpdateProgress> {
  const results = [...(input.results ?? [])];
  const progress = (): RulePackUpdateProgress => ({ to: input.to, total: input.caseIds.length, done: results.length, results });
  setHandler(rulePackUpdateProgressQuery, progress);
  let sinceContinue = 0;
  while (results.length < input.caseIds.length) {
    if (sinceContinue >= CASES_BEFORE_CONTINUE || workflowInfo().continueAsNewSuggested) await continueAsNew<typeof rulePackUpdateWorkflow>({ ...input, results });
    const caseId = input.caseIds[results.length]!;
    results.push(await moveCaseToPack({ caseId, to: input.to, by: input.by, updateId: `${workflowInfo().workflowId}/${workflowInfo().firstExecutionRunId}/${caseId}` }));
    sinceContinue += 1;
  }
  return progress();
}
