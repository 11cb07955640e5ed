/**
 * The reconciler's check (issue 25): the cases open in the read model against the case workflows running
 * in Temporal. One visibility query lists every running case workflow, page by page (50,000 cases are 50
 * pages, not 50,000 calls); only the suspects are described (domain/engine/caseEngineCheck.ts decides who
 * and what it means). A new incident is recorded, then emailed once to the admins and the case's supervisor
 * through the ledger (one idempotency key per incident and person); it resolves when the workflow runs again.
 */
import { Context, log } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import type { Transporter } from 'nodemailer';
import type { Db } from '../db/database';
import { incidentHistories, markAlarmed, openIncident, resolveIncidents, unalarmedIncidents } from '../db/engineIncidents';
import { reconcile, suspectsOf, verdictOf, type EngineIncidentKind, type EngineSighting, type EngineStatus, type Verdict } from '../domain/engine/caseEngineCheck';
import { renderEngineIncidentMessage } from '../domain/messages/engineIncidentMessage';
import { sendIdempotentEmail } from './notifications';
import { casesWithUnsentSteps } from '../db/stepOutbox';
import { DISPATCHER_GRACE_MS } from '../domain/case/steps';
import { handStepsBack } from './stepsLeft';

/** Cases woken per check to send a step the dispatcher did not: the rest at the next check. */
export const STEPS_HANDED_BACK_PER_CHECK = 1000;

/** Running case workflows that are described per run besides the suspects: a full sweep of 50,000 takes 50 runs. */
export const ENGINE_SWEEP_PER_RUN = 1000;
const DESCRIBES_AT_ONCE = 10;
const LIST_PAGE_SIZE = 1000;
export const RUNNING_CASES_QUERY = `WorkflowType = 'caseWorkflow' AND ExecutionStatus = 'Running'`;

export interface EngineCheckInput {
  /** Where the sweep of running cases goes on from (the last case id described); null starts over. */
  cursor: string | null;
  sweep?: number;
}

export interface EngineCheckResult {
  openCases: number;
  running: number;
  described: number;
  opened: { caseId: string; kind: EngineIncidentKind }[];
  resolved: string[];
  alarmsSent: number;
  /** Incidents whose alarm could not be sent this time (tried again at the next check). */
  alarmsFailed: number;
  /** Cases woken to send a step the dispatcher had not sent DISPATCHER_GRACE_MS after its instant. */
  stepsHandedBack: number;
  nextCursor: string | null;
}

/**
 * Heartbeats, and stops here if the activity was cancelled (the worker shutting down cancels its running
 * activities): a check of thousands of cases must not hold a worker's shutdown until its last describe and
 * email (a test's teardown waited past 300 s so). Work left undone is done at the next check.
 */
function beatOrStop(): void {
  const ctx = Context.current();
  ctx.heartbeat();
  ctx.cancellationSignal.throwIfAborted();
}

/** The workflow ids of every running case workflow, from visibility, a page at a time. */
async function runningCaseWorkflows(client: Client): Promise<Set<string>> {
  const ids = new Set<string>();
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await client.workflowService.listWorkflowExecutions({ namespace: client.options.namespace, query: RUNNING_CASES_QUERY, pageSize: LIST_PAGE_SIZE, nextPageToken });
    for (const e of page.executions) if (e.execution?.workflowId) ids.add(e.execution.workflowId);
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    beatOrStop();
  } while (nextPageToken);
  return ids;
}

/** One describe of the workflow's latest run: its status, a pending workflow task's attempt, its last reset. */
async function sightingOf(client: Client, workflowId: string): Promise<EngineSighting> {
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    const task = d.raw.pendingWorkflowTask;
    return {
      status: d.status.name as EngineStatus,
      closedAt: d.closeTime?.getTime(),
      taskAttempt: task?.attempt ?? undefined,
      taskSince: optionalTsToMs(task?.originalScheduledTime ?? task?.scheduledTime),
      lastResetAt: optionalTsToMs(d.raw.workflowExtendedInfo?.lastResetTime),
    };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return { status: 'NOT_FOUND' };
    throw err;
  }
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map(fn));
    beatOrStop();
  }
}

export function createEngineReconcilerActivities(deps: { db: Db; mailer: Transporter; from: string; publicUrl: string }) {
  const { db } = deps;

  /**
   * Each incident not yet alarmed: one email per admin and the case's supervisor, then marked alarmed. An
   * incident whose sending fails stays unalarmed and is tried at the next check (the ledger keeps what was
   * sent): the checks go on while SMTP is down instead of waiting on this activity's retries.
   */
  async function sendAlarms(): Promise<{ sent: number; failed: number }> {
    let sent = 0;
    let failed = 0;
    for (const incident of await unalarmedIncidents(db)) {
      beatOrStop();
      try {
        sent += await alarm(incident);
        await markAlarmed(db, incident.id, new Date());
      } catch (err) {
        failed++;
        log.warn('engine incident alarm not sent; tried again at the next check', { caseId: incident.case_id, error: (err as Error).message });
      }
    }
    return { sent, failed };
  }

  /** The incident's emails, each at most once (ledger key per incident and person); how many went out now. */
  async function alarm(incident: Awaited<ReturnType<typeof unalarmedIncidents>>[number]): Promise<number> {
    const kase = await db.selectFrom('cases').select(['supervisor_id']).where('id', '=', incident.case_id).executeTakeFirst();
    const people = await db
      .selectFrom('users')
      .selectAll()
      .where('active', '=', true)
      .where((eb) => eb.or([eb('role', '=', 'admin'), ...(kase ? [eb('id', '=', kase.supervisor_id)] : [])]))
      .orderBy('id')
      .execute();
    let sent = 0;
    for (const person of people) {
      const message = renderEngineIncidentMessage({
        lang: person.language,
        zone: person.time_zone,
        caseId: incident.case_id,
        workflowId: incident.workflow_id,
        kind: incident.kind as EngineIncidentKind,
        since: incident.since.toISOString(),
        recipientName: person.name,
        admin: person.role === 'admin',
        link: `${deps.publicUrl}/cases/${encodeURIComponent(incident.case_id)}`,
      });
      const r = await sendIdempotentEmail(deps, {
        idempotencyKey: `engine-incident/${incident.id}/${person.id}`,
        caseId: incident.case_id,
        step: 'engine_incident',
        recipient: person.email,
        language: person.language,
        ...message,
      });
      if (r.outcome === 'sent') sent++;
    }
    return sent;
  }

  return {
    async checkCaseEngines(input: EngineCheckInput): Promise<EngineCheckResult> {
      const client = Context.current().client;
      // First, what cannot wait: a step the dispatcher has not sent (stopped, or it gave the step up) goes back to its case.
      const stepsHandedBack = await handStepsBack(client, await casesWithUnsentSteps(db, new Date(Date.now() - DISPATCHER_GRACE_MS), STEPS_HANDED_BACK_PER_CHECK));
      beatOrStop();
      const openCases = await db.selectFrom('cases').select(['id', 'workflow_id']).where('closed_at', 'is', null).execute();
      const runningWorkflows = await runningCaseWorkflows(client);
      // Read after the list: an incident resolved meanwhile by another run is not taken for open.
      const histories = await incidentHistories(db);
      const workflowOf = new Map(openCases.map((c) => [c.id, c.workflow_id]));
      const running = new Set(openCases.filter((c) => runningWorkflows.has(c.workflow_id)).map((c) => c.id));
      const openIncidents = new Map([...histories].filter(([, h]) => h.open).map(([caseId, h]) => [caseId, h.open!]));
      const { suspects, nextCursor } = suspectsOf([...workflowOf.keys()], running, new Set(openIncidents.keys()), input.cursor, input.sweep ?? ENGINE_SWEEP_PER_RUN);

      const verdicts = new Map<string, Verdict>();
      await inBatches(suspects, DESCRIBES_AT_ONCE, async (caseId) => {
        const sighting = await sightingOf(client, workflowOf.get(caseId)!);
        verdicts.set(caseId, verdictOf(sighting, histories.get(caseId) ?? {}, Date.now()));
      });
      const plan = reconcile(verdicts, openIncidents, new Set(workflowOf.keys()));
      const now = new Date();
      for (const o of plan.open) {
        beatOrStop();
        await openIncident(db, { caseId: o.caseId, workflowId: workflowOf.get(o.caseId)!, kind: o.kind, since: new Date(o.since), now });
      }
      await resolveIncidents(db, plan.resolve, now);
      const alarms = await sendAlarms();
      return {
        openCases: openCases.length,
        running: running.size,
        described: suspects.length,
        opened: plan.open.map((o) => ({ caseId: o.caseId, kind: o.kind })),
        resolved: plan.resolve,
        alarmsSent: alarms.sent,
        alarmsFailed: alarms.failed,
        stepsHandedBack,
        nextCursor,
      };
    },
  };
}
