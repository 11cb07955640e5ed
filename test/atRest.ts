import type { Client, WorkflowHandle } from '@temporalio/client';
import { caseWorkflowId } from '../workflows/caseDefinitions';
import { eventually } from './apiHarness';

/**
 * Until a workflow has nothing in flight: no workflow task and no activity pending. From then on it changes
 * only when a timer fires, so what a test counts (messages, ledger rows, read-model rows) is final — no
 * need to leave "room for a duplicate to show up" by waiting a fixed time.
 */
export async function untilAtRest(handle: WorkflowHandle, timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    const { raw } = await handle.describe();
    expect({ workflowTask: raw.pendingWorkflowTask ?? null, activities: raw.pendingActivities ?? [] }).toEqual({ workflowTask: null, activities: [] });
  }, timeoutMs);
}

/** `untilAtRest` for every case of a list. */
export async function untilCasesAtRest(client: Client, caseIds: string[], timeoutMs = 120_000): Promise<void> {
  await Promise.all(caseIds.map((id) => untilAtRest(client.workflow.getHandle(caseWorkflowId(id)), timeoutMs)));
}
