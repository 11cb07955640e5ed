import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';

export interface ReplayReport {
  replayed: number;
  failed: { workflowId: string; error: string }[];
}

/**
 * The upgrade's pre-flight (docs/production.md, "Upgrading"): a new release's workflow bundle replays the
 * history of every running workflow on the server before any of its workers takes a task. A failure is a
 * change not behind `patched()`: rolled out, those workflows' tasks would fail (PlazoWorkflowTasksFailing).
 * test/histories' recorded cases are the same check at build time (workflows/replay.test.ts).
 */
export async function replayRunningWorkflows(client: Client, opts: { workflowBundlePath: string; dataConverter: DataConverter }): Promise<ReplayReport> {
  const histories = client.workflow.list({ query: `ExecutionStatus = 'Running'` }).intoHistories();
  const report: ReplayReport = { replayed: 0, failed: [] };
  const results = Worker.runReplayHistories({ workflowBundle: { codePath: opts.workflowBundlePath }, dataConverter: opts.dataConverter }, histories);
  for await (const r of results) {
    report.replayed++;
    if (r.error) report.failed.push({ workflowId: r.workflowId, error: r.error.message });
  }
  return report;
}
