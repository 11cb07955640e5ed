import type { Client } from '@temporalio/client';
import { RULE_PACK } from '../domain';
import type { caseWorkflow } from '../workflows/caseWorkflow';
import { caseWorkflowId, recordEventUpdate } from '../workflows/caseDefinitions';
import { BENCH_PEOPLE, TASK_QUEUE } from './infra';

/** Runs `fn` over 0..n-1 with `concurrency` in flight; returns the failures. */
async function pool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<{ i: number; error: string }[]> {
  let next = 0;
  const failures: { i: number; error: string }[] = [];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) {
        try {
          await fn(i);
        } catch (err) {
          failures.push({ i, error: (err as Error).message });
        }
      }
    }),
  );
  return failures;
}

/**
 * Opens n cases through the Temporal client, as the API does (workflow start, REJECT_DUPLICATE). With
 * `entryDate` (YYYY-MM-DD) the child entered Mexico that day: the case holds the asylum filing term's timers.
 */
export async function openCases(client: Client, caseIds: string[], concurrency: number, searchAttributes = false, entryDate?: string) {
  const t0 = performance.now();
  const failures = await pool(caseIds.length, concurrency, async (i) => {
    const caseId = caseIds[i]!;
    await client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId(caseId),
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [
        {
          rulePack: RULE_PACK.version,
          searchAttributes,
          intake: {
            caseId,
            child: { name: `Bench ${i}` },
            assignments: { caseworker: BENCH_PEOPLE.caseworker.id, supervisor: BENCH_PEOPLE.supervisor.id, lawyer: BENCH_PEOPLE.lawyer.id },
            openedAt: new Date(Date.now() - 5 * 3_600_000).toISOString(),
            recordedBy: BENCH_PEOPLE.caseworker.id,
            ...(entryDate ? { entryDate } : {}),
          },
        },
      ],
    });
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, perSecond: (caseIds.length - failures.length) / seconds, failures };
}

/**
 * Records, on every case, a detention that started 4 hours before its target instant: the overdue
 * alarm-0 goes out at once (catch-up) and alarm-1 falls due exactly at the target.
 */
export async function recordDetentions(client: Client, caseIds: string[], targets: number[], concurrency: number) {
  const t0 = performance.now();
  const failures = await pool(caseIds.length, concurrency, async (i) => {
    await client.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseIds[i]!)).executeUpdate(recordEventUpdate, {
      args: [
        {
          type: 'detention_started',
          occurredAt: new Date(targets[i]! - 4 * 3_600_000).toISOString(),
          recordedBy: BENCH_PEOPLE.caseworker.id,
          place: 'EM Tapachula',
        },
      ],
    });
  });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, perSecond: (caseIds.length - failures.length) / seconds, failures };
}
