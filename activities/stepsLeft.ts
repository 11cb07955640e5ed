/**
 * Hands steps the dispatcher did not send back to their cases: a signal (no payload) wakes each case, which sends
 * what is due and not in the ledger as sent, with its own retries and escalation. A case no longer running is
 * the engine reconciler's to report, not this.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { stepsLeftSignal } from '../workflows/caseDefinitions';

const AT_ONCE = 10;

/** Signals each case workflow; answers how many were signalled. */
export async function handStepsBack(client: Client, workflowIds: string[]): Promise<number> {
  let signalled = 0;
  const ids = [...new Set(workflowIds)];
  for (let i = 0; i < ids.length; i += AT_ONCE) {
    await Promise.all(
      ids.slice(i, i + AT_ONCE).map(async (id) => {
        try {
          await client.workflow.getHandle(id).signal(stepsLeftSignal);
          signalled++;
        } catch (err) {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }),
    );
  }
  return signalled;
}
