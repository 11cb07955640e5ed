/**
 * The API process makes sure Plazo's singleton workflows run: the daily digest (id plazo-daily-digest),
 * the engine reconciler (id plazo-engine-reconciler), the retention job (id plazo-retention) and the step
 * dispatcher (id plazo-step-dispatcher). Starting one
 * again while it runs is refused by Temporal, so every API instance may call this at start.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import { DIGEST_WORKFLOW_ID } from '../../workflows/dailyDigest';
import { ENGINE_RECONCILER_WORKFLOW_ID } from '../../workflows/engineReconciler';
import { RETENTION_WORKFLOW_ID } from '../../workflows/retention';
import { STEP_DISPATCHER_WORKFLOW_ID } from '../../workflows/stepDispatcher';

async function ensureRunning(temporal: Client, taskQueue: string, logger: Logger, workflowType: string, workflowId: string): Promise<void> {
  try {
    await temporal.workflow.start(workflowType, { taskQueue, workflowId, args: [] });
    logger.info({ workflowId }, `${workflowId} started`);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

export async function ensureDailyDigest(temporal: Client, taskQueue: string, logger: Logger): Promise<void> {
  await ensureRunning(temporal, taskQueue, logger, 'dailyDigestWorkflow', DIGEST_WORKFLOW_ID);
}

/** The reconciler of open cases against their workflows (workflows/engineReconciler.ts). */
export async function ensureEngineReconciler(temporal: Client, taskQueue: string, logger: Logger): Promise<void> {
  await ensureRunning(temporal, taskQueue, logger, 'engineReconcilerWorkflow', ENGINE_RECONCILER_WORKFLOW_ID);
}

/** The daily pruning of the tables that only grow (workflows/retention.ts). */
export async function ensureRetention(temporal: Client, taskQueue: string, logger: Logger): Promise<void> {
  await ensureRunning(temporal, taskQueue, logger, 'retentionWorkflow', RETENTION_WORKFLOW_ID);
}

/** The dispatcher across cases (workflows/stepDispatcher.ts), started when PLAZO_STEP_DISPATCHER=on (the workers' setting too). */
export async function ensureStepDispatcher(temporal: Client, taskQueue: string, logger: Logger): Promise<void> {
  await ensureRunning(temporal, taskQueue, logger, 'stepDispatcherWorkflow', STEP_DISPATCHER_WORKFLOW_ID);
}
