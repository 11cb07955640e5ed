/**
 * When an import ends, its one summary per person (workflows/importSummary.ts): started under a fixed
 * workflow id per import, so a second import of the same sheet finds it already sent; each person's email
 * is also one ledger row (activities/importSummary.ts), the guarantee if the workflow's record is gone.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { importSummaryWorkflow } from '../../workflows/importSummary';
import { importSummaryWorkflowId } from '../../workflows/importSummary';
import type { AppDeps } from '../appDeps';
import type { PreparedImport } from './previewRows';
import type { ImportRequest } from './importRequest';

/** The import covered the sheet's last row: its summary goes out (an import sent in parts sends it after the last part). */
export const importEnded = (req: ImportRequest, p: PreparedImport) => req.toRow === undefined || req.toRow >= p.totalRows + 1;

export async function sendImportSummary(deps: AppDeps, importRun: string): Promise<void> {
  try {
    await deps.temporal.workflow.start<typeof importSummaryWorkflow>('importSummaryWorkflow', {
      taskQueue: deps.taskQueue,
      workflowId: importSummaryWorkflowId(importRun),
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      args: [importRun],
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return; // sent (or sending) already
    throw err;
  }
}
