import { continueAsNew, patched, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { planDigest, sendDailyDigests, checkClosuresLoaded } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Runs forever as one workflow (id plazo-daily-digest); continues as new every few weeks to keep its history short. */
export const DIGEST_WORKFLOW_ID = 'plazo-daily-digest';
const DAYS_PER_RUN = 28;

/**
 * The daily 09:00 (Mexico City) digest. No date logic here: the activity works out the next day and
 * how long to sleep from the workflow's own clock (Date.now() in a workflow is Temporal's deterministic
 * time), so replays and the time-skipping server agree; sending is exactly once per person and day.
 */
export async function dailyDigestWorkflow(): Promise<void> {
  for (let i = 0; i < DAYS_PER_RUN; i++) {
    const plan = await planDigest(Date.now());
    await sleep(plan.waitMs);
    await sendDailyDigests(plan.day);
    // From 1 Dec, admins hear which authorities in use have no closures loaded for next year; older runs did not check.
    if (patched('closures-check')) await checkClosuresLoaded(plan.day);
  }
  await continueAsNew<typeof dailyDigestWorkflow>();
}
