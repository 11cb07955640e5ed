/**
 * The cases that did not note a step the dispatcher sent (their outbox row still `sent_at`, past the grace),
 * described before the bench tears the server down: the workflow's status, history length, pending workflow
 * task and activities with their attempts and last failures, and the last events of its history. A 50,000-case
 * window (7 Dec 19:14 UTC) left one such case that could no longer be read once the server was gone.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../db/database';
import { sentNotNoted } from '../db/stepOutbox';
import { caseWorkflowId } from '../workflows/caseDefinitions';

export interface UnnotedCase {
  caseId: string;
  steps: string[];
  status?: string;
  historyLength?: number;
  pendingWorkflowTask?: string | null;
  pendingActivities?: { type: string; attempt: number; lastFailure: string | null }[];
  lastEvents?: string[];
  error?: string;
}

export async function describeUnnotedCases(db: Db, client: Client, limit = 5): Promise<UnnotedCase[]> {
  const rows = await db.selectFrom('step_outbox').select(['case_id', 'idempotency_base']).where(sentNotNoted()).orderBy('step_at').limit(50).execute();
  const byCase = new Map<string, string[]>();
  for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r.idempotency_base]);
  const out: UnnotedCase[] = [];
  for (const [caseId, steps] of [...byCase].slice(0, limit)) {
    const handle = client.workflow.getHandle(caseWorkflowId(caseId));
    try {
      const d = await handle.describe();
      const events = (await handle.fetchHistory()).events ?? [];
      out.push({
        caseId,
        steps,
        status: d.status.name,
        historyLength: d.historyLength,
        pendingWorkflowTask: d.raw.pendingWorkflowTask ? JSON.stringify(d.raw.pendingWorkflowTask) : null,
        pendingActivities: (d.raw.pendingActivities ?? []).map((a) => ({ type: a.activityType?.name ?? '?', attempt: a.attempt ?? 0, lastFailure: a.lastFailure?.message ?? null })),
        lastEvents: events.slice(-12).map((e) => `${e.eventId} ${e.eventType} ${e.eventTime?.seconds ?? ''}`),
      });
    } catch (err) {
      out.push({ caseId, steps, error: (err as Error).message });
    }
  }
  return out;
}
