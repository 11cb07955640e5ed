/** The activities that count a case's deadlines and write its read model, and how a count the calendars refuse fails. */
import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReplaySteps } from '../domain/case/replay';

const computing = { startToCloseTimeout: '1 minute', retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' } } as const;
// Counting deadlines and writing the read model are short, and the worker that runs the workflow task can
// do them itself: as local activities they cost no trip through the server's task queues (an opening was
// three workflow tasks and two activity tasks, now one workflow task), and their inputs (the whole case
// state, for the read model) are not written into history. Runs recorded before keep the task-queue ones.
const queued = proxyActivities<Activities>(computing);
const inWorker = proxyLocalActivities<Activities>(computing);

/** `local`: the run is patched 'local-compute-and-projection'. */
export function countingActivities(local: boolean): Pick<typeof queued, 'loadRules' | 'computeDeadlines' | 'projectCase'> {
  return local ? inWorker : queued;
}

export type Compute = ReplaySteps['compute'];

/** A move to another rule pack: its rules and each rule's reason (only runs that move packs call it). */
export const { loadPackMove } = inWorker;

/** Whether the worker sends new cases' steps through the dispatcher across cases (workflows/stepDispatcher.ts). */
export const { stepsMode } = inWorker;

/**
 * Due dates and ladders from the activity. A date the calendars cannot count from is the input's fault:
 * the Update (or the opening) fails as `type`, naming the field, and nothing has changed yet.
 */
export function computeWith(computeDeadlines: (typeof queued)['computeDeadlines'], type: 'InvalidIntake' | 'InvalidEvent'): Compute {
  return async (s, requests, field) => {
    if (requests.length === 0) return [];
    try {
      return await computeDeadlines({ rulePack: s.rulePack, office: s.office, requests });
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
        throw ApplicationFailure.create({ message: `${field}: ${err.cause.message}`, type, nonRetryable: true });
      }
      throw err;
    }
  };
}

/**
 * Counts each deadline under the pack it counts under: after a move to another pack, a deadline whose
 * change waits or was refused keeps its old pack (domain/case/packMove.ts). A case that never moved has
 * one pack, so this is the one call it always was, with the same requests in the same order.
 */
export function perDeadlinePack(compute: Compute): Compute {
  return async (s, requests, field) => {
    const packOf = (id: string) => s.deadlines.find((d) => d.deadlineId === id)?.rulePack ?? s.rulePack;
    const packs = [...new Set(requests.map((r) => packOf(r.deadlineId)))];
    if (packs.length <= 1) return compute(packs[0] === undefined || packs[0] === s.rulePack ? s : { ...s, rulePack: packs[0] }, requests, field);
    const answers = await Promise.all(packs.map((p) => compute({ ...s, rulePack: p }, requests.filter((r) => packOf(r.deadlineId) === p), field)));
    const all = answers.flat();
    return requests.map((r) => all.find((c) => c.deadlineId === r.deadlineId)!);
  };
}
