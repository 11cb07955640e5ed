import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

const { sendImportSummaries } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/** One per import (id importSummaryWorkflowId): started when the import ends, it sends each person's summary once. */
export const importSummaryWorkflowId = (importRun: string) => `import-summary-${importRun}`;

export async function importSummaryWorkflow(importRun: string): Promise<{ sent: number; alreadySent: number }> {
  return sendImportSummaries(importRun);
}
