import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { purgeExpiredRows } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '1 minute', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

/** Runs forever as one workflow (id plazo-retention), started by the API like the daily digest. */
export const RETENTION_WORKFLOW_ID = 'plazo-retention';
const RUNS_BEFORE_CONTINUE = 30;

/**
 * Once a day, the tables that only grow lose what is past its retention (activities/retention.ts says
 * what and why). The deleting is in the activity; the clock is the workflow's (Temporal's), passed in.
 */
export async function retentionWorkflow(): Promise<void> {
  for (let i = 0; i < RUNS_BEFORE_CONTINUE; i++) {
    await purgeExpiredRows(Date.now());
    await sleep('1 day');
  }
  await continueAsNew<typeof retentionWorkflow>();
}
