import { type NativeConnection, Worker, type WorkflowBundle, type WorkflowBundlePath } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDeps } from '../activities';
import { failureConverterPath } from '../codec/dataConverter';
import { workflowBundleOptions } from './workflowBundleOptions';

export interface PlazoWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Encrypts payloads (codec/dataConverter.ts); required so no worker writes a child's data in clear. */
  dataConverter: DataConverter;
  /**
   * Pre-built bundle (tests build one per run; production reads dist/workflow-bundle.js); otherwise workflows/ is
   * bundled at start. A pre-built bundle must have been built with `failureConverterPath` (codec/dataConverter.ts),
   * as scripts/bundleWorkflows.ts and test/temporalEnv.ts do: the SDK cannot add a converter to it afterwards.
   */
  workflowBundle?: WorkflowBundle | WorkflowBundlePath;
  /** Workflows kept in memory between tasks (SDK default when unset); 0 turns sticky execution off. */
  maxCachedWorkflows?: number;
  maxConcurrentActivityTaskExecutions?: number;
  /** How long a shutdown may wait for running tasks before the worker gives up on them (SDK default: forever). */
  shutdownForceTime?: string;
}

export async function createPlazoWorker(opts: PlazoWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    // Failures encoded the same way in activities (here) and workflow code (the bundle): message and stack
    // trace inside an encrypted payload, never in clear in history (codec/failureConverter.ts).
    dataConverter: { ...opts.dataConverter, failureConverterPath: opts.dataConverter.failureConverterPath ?? failureConverterPath },
    // Bundled at start from the same options as the prebuilt bundle (worker/workflowBundleOptions.ts).
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : bundledAtStart()),
    activities: createActivities(opts),
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    // With a cache much smaller than the open cases, most wake-ups are of evicted cases and come on the
    // normal (non-sticky) queue: give it as many pollers as the sticky one (SDK default: a fifth).
    nonStickyToStickyPollRatio: 1,
    ...(opts.maxConcurrentActivityTaskExecutions !== undefined ? { maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions } : {}),
    ...(opts.shutdownForceTime !== undefined ? { shutdownForceTime: opts.shutdownForceTime } : {}),
  });
}

/** A worker bundling at start: the workflows and preloaded modules every bundle has (the failure converter goes in through the data converter). */
function bundledAtStart() {
  const { workflowsPath, preloadModules } = workflowBundleOptions();
  return { workflowsPath, bundlerOptions: { preloadModules } };
}
