import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { checkCaseEngines } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  // The check heartbeats after each visibility page and each batch of describes: a worker that dies mid-check is noticed in a minute.
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Runs forever as one workflow (id plazo-engine-reconciler), started by the API like the daily digest. */
export const ENGINE_RECONCILER_WORKFLOW_ID = 'plazo-engine-reconciler';
export const ENGINE_CHECK_EVERY_MS = 5 * 60_000;
/** About eleven history events per check: continue as new well before the history grows long. */
const CHECKS_PER_RUN = 200;

export interface EngineReconcilerOptions {
  /** Pause between checks (default five minutes; tests use seconds). */
  everyMs?: number;
  /** Where the sweep of running cases goes on from (carried across continue-as-new). */
  cursor?: string | null;
}

/**
 * Every few minutes, the cases open in the read model against the case workflows running in the engine
 * (activities/engineReconciler.ts): a case whose workflow stopped is an alarm to people, never a silence.
 */
export async function engineReconcilerWorkflow(opts: EngineReconcilerOptions = {}): Promise<void> {
  let cursor = opts.cursor ?? null;
  for (let i = 0; i < CHECKS_PER_RUN; i++) {
    cursor = (await checkCaseEngines({ cursor })).nextCursor;
    await sleep(opts.everyMs ?? ENGINE_CHECK_EVERY_MS);
  }
  await continueAsNew<typeof engineReconcilerWorkflow>({ ...opts, cursor });
}
