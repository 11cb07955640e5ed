import { type NativeConnection, Worker, type WorkflowBundle, type WorkflowBundlePath } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDeps } from '../activities';

export interface PlazoWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Encrypts payloads (codec/dataConverter.ts); required so no worker writes a child's data in clear. */
  dataConverter: DataConverter;
  /** Pre-built bundle (tests build one per run; production reads dist/workflow-bundle.js); otherwise workflows/ is bundled at start. */
  workflowBundle?: WorkflowBundle | WorkflowBundlePath;
  /** Workflows kept in memory between tasks (SDK default when unset); 0 turns sticky execution off. */
  maxCachedWorkflows?: number;
  maxConcurrentActivityTaskExecutions?: number;
}

export async function createPlazoWorker(opts: PlazoWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    dataConverter: opts.dataConverter,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(opts),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    // With a cache much smaller than the open cases, most wake-ups are of evicted cases and come on the
    // normal (non-sticky) queue: give it as many pollers as the sticky one (SDK default: a fifth).
    nonStickyToStickyPollRatio: 1,
    ...(opts.maxConcurrentActivityTaskExecutions !== undefined ? { maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions } : {}),
  });
}
