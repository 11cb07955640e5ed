/**
 * The dispatcher across cases (issue 28): one workflow (id plazo-step-dispatcher) that sleeps until the next
 * instant a step is due in the outbox (db/stepOutbox.ts, written by each case's projection) and sends every
 * step due then in one round, each person one email listing their cases' steps. At 09:00 that is a few
 * rounds instead of every case waking. The cases stay the guarantee: a case whose steps the dispatcher sends
 * wakes DISPATCHER_GRACE_MS after each, finds it sent (the ledger) and notes it, or sends it itself.
 */
import { condition, continueAsNew, defineSignal, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DISPATCHER_FOLLOW_GAP_MS } from '../domain/case/steps';

export const STEP_DISPATCHER_WORKFLOW_ID = 'plazo-step-dispatcher';

/** Look again now: a step may be due sooner than the dispatcher's sleep (no payload: a copied signal only wakes it). */
export const wakeDispatcherSignal = defineSignal('wakeDispatcher');

const { dispatchDueSteps } = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  // The round heartbeats while it sends: a worker that dies mid-round is noticed in seconds; the retry sends
  // only what the ledger does not hold as sent.
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface StepDispatcherOptions {
  /**
   * The longest sleep (default one minute): a step written sooner than that after the dispatcher looked is
   * sent at most this late (steps due already when recorded go out from their case at once). Tests skipping
   * days of time give a longer one and signal the dispatcher.
   */
  maxSleepMs?: number;
  /** Steps sent in one round (default 1,000); more due go in the next, at once. */
  perRound?: number;
  /** Steps listed in one email to one person (default 10, most pressing first). */
  perEmail?: number;
}

/** About eleven history events a round: continue as new well before the history grows long. */
const ROUNDS_PER_RUN = 400;

export async function stepDispatcherWorkflow(opts: StepDispatcherOptions = {}): Promise<void> {
  const { maxSleepMs = 60_000, perRound = 1_000, perEmail = 10 } = opts;
  let woken = false;
  setHandler(wakeDispatcherSignal, () => void (woken = true));
  for (let i = 0; i < ROUNDS_PER_RUN; i++) {
    woken = false;
    const round = await dispatchDueSteps({ at: Date.now(), limit: perRound, perEmail });
    if (round.more) continue;
    const sleepMs = Math.min(maxSleepMs, (round.nextAt ?? Infinity) - Date.now());
    // A step due that soon: the next round waits for it itself, with no timer and workflow task in between.
    const roundWaits = sleepMs <= DISPATCHER_FOLLOW_GAP_MS && patched('dispatcher-round-waits');
    if (sleepMs > 0 && !roundWaits) await condition(() => woken, sleepMs);
  }
  await continueAsNew<typeof stepDispatcherWorkflow>(opts);
}
