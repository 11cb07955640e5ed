/**
 * One case of a rule-pack update (workflows/rulePackUpdate.ts): its own Update on its workflow, under an
 * id per update run and case, so a retried or resumed attempt is answered with the first result. A case
 * that refuses the move (closed, recorded before corrections) is reported, not retried.
 */
import { Context } from '@temporalio/activity';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { isLive } from '../domain/case/upcoming';
import { answeredState, caseWorkflowId, moveRulePackUpdate, stateQuery, type UpdateAnswer } from '../workflows/caseDefinitions';

export interface CaseMoveInput {
  caseId: string;
  to: string;
  by: string;
  /** The Update's id: the same for every attempt at this case in this run (continued-as-new included). */
  updateId: string;
}

export interface CaseMoveResult {
  caseId: string;
  outcome: 'changed' | 'unchanged' | 'refused';
  /** Live deadlines waiting for a person's acceptance of this pack. */
  pending: number;
  error?: string;
}

export function createPackUpdateActivities() {
  return {
    async moveCaseToPack(input: CaseMoveInput): Promise<CaseMoveResult> {
      const handle = Context.current().client.workflow.getHandle(caseWorkflowId(input.caseId));
      const before = await handle.query(stateQuery);
      let answer: UpdateAnswer;
      try {
        answer = await handle.executeUpdate(moveRulePackUpdate, { args: [{ to: input.to, by: input.by }], updateId: input.updateId });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError) return { caseId: input.caseId, outcome: 'refused', pending: 0, error: err.cause?.message ?? err.message };
        throw err;
      }
      // A receipt (runs since the patch): the case as it is now, at the Update's seq or later.
      const after = answeredState(answer) ?? (await handle.query(stateQuery));
      const pending = after.deadlines.filter((d) => isLive(d) && d.pendingPack?.rulePack === input.to).length;
      return { caseId: input.caseId, outcome: answer.seq > before.seq ? 'changed' : 'unchanged', pending };
    },
  };
}
