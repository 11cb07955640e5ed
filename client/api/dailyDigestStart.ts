/**
 * The API process makes sure the one daily-digest workflow runs (id plazo-daily-digest): starting it
 * again while it runs is refused by Temporal, so every API instance may call this at start.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { DIGEST_WORKFLOW_ID } from '../../workflows/dailyDigest';

export async function ensureDailyDigest(temporal: Client, taskQueue: string, logger: Logger): Promise<void> {
  try {
    await temporal.workflow.start('dailyDigestWorkflow', { taskQueue, workflowId: DIGEST_WORKFLOW_ID, args: [] });
    logger.info({ workflowId: DIGEST_WORKFLOW_ID }, 'daily digest started');
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
