import { temporal } from '@temporalio/proto';
import type { AppDeps } from '../appDeps';

export interface WorkersSeen {
  /** The workers polling the case task queue for workflow tasks, as the Temporal server last saw them. */
  pollers: { identity: string; lastAccessTime: Date | null }[];
  /** Workflow tasks waiting for a worker (the server's estimate); null when it does not report one. */
  backlog: number | null;
  /** Why the server could not be asked, when it could not. */
  error: string | null;
}

/** Temporal's DescribeTaskQueue for the case queue: who polls it, and how much waits. */
export async function workersSeen({ temporal: client, taskQueue }: Pick<AppDeps, 'temporal' | 'taskQueue'>): Promise<WorkersSeen> {
  try {
    const res = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
      taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    const pollers = (res.pollers ?? []).map((p) => ({
      identity: p.identity ?? '',
      lastAccessTime: p.lastAccessTime?.seconds != null ? new Date(Number(p.lastAccessTime.seconds) * 1000) : null,
    }));
    const count = res.stats?.approximateBacklogCount;
    return { pollers, backlog: count == null ? null : Number(count), error: null };
  } catch (err) {
    return { pollers: [], backlog: null, error: (err as Error).message };
  }
}
