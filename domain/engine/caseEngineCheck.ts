/**
 * Is each open case's workflow still running? The read model (Postgres) says which cases are open; the
 * engine (Temporal) says which workflows run. A case open on the page but stopped in the engine fires no
 * alarm again and refuses new events, so the gap is an incident: an alarm to people, shown on the case.
 * Pure: the activity (activities/engineReconciler.ts) lists and describes, this decides.
 */

/** What can be wrong with a case's workflow; `reset` is an alarm only (the workflow runs, its history was rewound). */
export const ENGINE_INCIDENT_KINDS = ['terminated', 'failed', 'timed_out', 'completed', 'canceled', 'missing', 'task_failing', 'reset'] as const;
export type EngineIncidentKind = (typeof ENGINE_INCIDENT_KINDS)[number];

/** The kinds where nothing more happens in the case: no reminder, no event accepted. */
export const STOPPED_KINDS: readonly EngineIncidentKind[] = ['terminated', 'failed', 'timed_out', 'completed', 'canceled', 'missing', 'task_failing'];

/** A workflow task on its third attempt has failed twice in a row: not a worker that died once mid-task. */
export const TASK_FAILING_ATTEMPTS = 3;

/** A workflow that completed this recently may be a case closing whose read model is still being written. */
export const CLOSE_GRACE_MS = 2 * 60_000;

/** The SDK's execution status names (WorkflowExecutionStatusName), or NOT_FOUND when describe found nothing. */
export type EngineStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TERMINATED' | 'CONTINUED_AS_NEW' | 'TIMED_OUT' | 'PAUSED' | 'UNKNOWN' | 'NOT_FOUND';

/** One describe of a case's workflow (its latest run). Instants in epoch ms. */
export interface EngineSighting {
  status: EngineStatus;
  closedAt?: number;
  /** pendingWorkflowTask.attempt of DescribeWorkflowExecution; absent when no workflow task is pending. */
  taskAttempt?: number;
  /** When the pending workflow task was first scheduled (its first failing attempt). */
  taskSince?: number;
  /** workflowExtendedInfo.lastResetTime: the workflow was reset then. */
  lastResetAt?: number;
}

export interface CaseIncidentHistory {
  /** The incident still open on the case, if any. */
  open?: { kind: EngineIncidentKind };
  /** The latest instant any incident of the case was detected or resolved. */
  lastActivityAt?: number;
}

export type Verdict = { state: 'healthy' } | { state: 'unsure' } | { state: 'incident'; kind: EngineIncidentKind; since: number };

const CLOSED_KIND: Partial<Record<EngineStatus, EngineIncidentKind>> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'canceled',
  TERMINATED: 'terminated',
  TIMED_OUT: 'timed_out',
};

/** What one describe of an open case's workflow means, at `now`. */
export function verdictOf(s: EngineSighting, history: CaseIncidentHistory, now: number): Verdict {
  if (s.status === 'NOT_FOUND') return { state: 'incident', kind: 'missing', since: now };
  const closedKind = CLOSED_KIND[s.status];
  if (closedKind) {
    const closedAt = s.closedAt ?? now;
    // Only Plazo's own close completes a case workflow: a terminate or a failure never races the read model.
    const closing = s.status === 'COMPLETED' && now - closedAt < CLOSE_GRACE_MS && !history.open;
    return closing ? { state: 'unsure' } : { state: 'incident', kind: closedKind, since: closedAt };
  }
  // Between two runs (continue-as-new) or a state this server version names otherwise: ask again next time.
  if (s.status !== 'RUNNING') return { state: 'unsure' };
  if ((s.taskAttempt ?? 0) >= TASK_FAILING_ATTEMPTS) return { state: 'incident', kind: 'task_failing', since: s.taskSince ?? now };
  // A reset nobody has been told of: not the one that brought a stopped case back (that resolves its incident).
  const stoppedBefore = history.open && STOPPED_KINDS.includes(history.open.kind);
  if (s.lastResetAt !== undefined && !stoppedBefore && s.lastResetAt > (history.lastActivityAt ?? -Infinity)) {
    return { state: 'incident', kind: 'reset', since: s.lastResetAt };
  }
  return { state: 'healthy' };
}

/**
 * Which open cases to describe this run: every case the visibility list does not show running, every case
 * with an open incident (to see it resolve), then `sweep` more of the running ones (a failing workflow task
 * or a reset shows only in a describe), in case-id order after `cursor`, wrapping around.
 */
export function suspectsOf(
  openCaseIds: readonly string[],
  running: ReadonlySet<string>,
  withOpenIncident: ReadonlySet<string>,
  cursor: string | null,
  sweep: number,
): { suspects: string[]; nextCursor: string | null } {
  const must = openCaseIds.filter((id) => !running.has(id) || withOpenIncident.has(id));
  const mustSet = new Set(must);
  const rest = [...openCaseIds].filter((id) => !mustSet.has(id)).sort();
  const start = cursor === null ? 0 : rest.findIndex((id) => id > cursor);
  const from = start < 0 ? 0 : start;
  const slice = [...rest.slice(from), ...rest.slice(0, from)].slice(0, Math.max(0, sweep));
  const wrapped = from + slice.length >= rest.length;
  return { suspects: [...must, ...slice], nextCursor: wrapped || slice.length === 0 ? null : slice[slice.length - 1]! };
}

export interface ReconcilePlan {
  /** New incidents: one per case, never a second while one is open. */
  open: { caseId: string; kind: EngineIncidentKind; since: number }[];
  /** Cases whose open incident is over: the workflow runs again, or the case is no longer open. */
  resolve: string[];
}

/**
 * From this run's verdicts (only the cases described) and the incidents open before it: what to open and
 * what to resolve. A case with an open incident keeps it while it is still wrong, whatever the kind now.
 */
export function reconcile(
  verdicts: ReadonlyMap<string, Verdict>,
  openIncidents: ReadonlyMap<string, { kind: EngineIncidentKind }>,
  openCaseIds: ReadonlySet<string>,
): ReconcilePlan {
  const plan: ReconcilePlan = { open: [], resolve: [] };
  for (const [caseId, v] of verdicts) {
    if (v.state !== 'incident' || openIncidents.has(caseId)) continue;
    plan.open.push({ caseId, kind: v.kind, since: v.since });
  }
  for (const caseId of openIncidents.keys()) {
    if (!openCaseIds.has(caseId) || verdicts.get(caseId)?.state === 'healthy') plan.resolve.push(caseId);
  }
  return plan;
}
