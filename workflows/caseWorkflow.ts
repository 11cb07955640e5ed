/**
 * One child's case, from intake to closure. It holds the deadlines, sleeps until the next ladder step,
 * wakes on events, and sends each step through an activity. Deterministic: due dates and ladders arrive
 * as activity results, time is the SDK's, and nothing here does I/O.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryInput } from '../activities/deliveries';
import type { Acknowledge, CaseEvent, Escalation } from '../domain/case/events';
import { eventShapeError } from '../domain/case/eventTypes';
import type { CaseState, ComputedDeadline, DeadlineState, TimelineEntry } from '../domain/case/state';
import { deadlineEffects, internalEvents, nextPhase, rejectEvent, type OpenRequest } from '../domain/case/transitions';
import type { LadderStep } from '../domain/ladder/ladder';
import {
  acknowledgeUpdate,
  escalateUpdate,
  overlaysChangedSignal,
  recordEventUpdate,
  stateQuery,
  timelineQuery,
  upcomingQuery,
  type CaseWorkflowInput,
} from './caseDefinitions';
import { isLive, upcoming } from '../domain/case/upcoming';
import { searchAttributesKeeper } from './searchAttributes';

const { loadRules, computeDeadlines, projectCase } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});
// Unlimited attempts: a message is never dropped; after a few failures the supervisor hears in the app.
// A worker that dies mid-send is noticed when startToClose runs out; a send takes seconds.
const { deliverStep } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const DEFAULT_HISTORY_LIMIT = 10_000;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<{ caseId: string; closed: CaseState['closed'] }> {
  let state: CaseState | undefined = input.state;
  let wake = false;
  let overlaysPending = false;
  const inflight = new Set<Promise<void>>();
  let lock: Promise<unknown> = Promise.resolve();

  /** Updates run one at a time: each sees the state the previous one left. */
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(async () => {
      await condition(() => state !== undefined);
      return fn();
    });
    lock = run.catch(() => undefined);
    return run;
  };

  setHandler(stateQuery, () => mustHave(state));
  setHandler(timelineQuery, () => mustHave(state).timeline);
  setHandler(upcomingQuery, () => upcoming(mustHave(state)));
  setHandler(overlaysChangedSignal, () => {
    overlaysPending = true;
    wake = true;
  });
  setHandler(
    recordEventUpdate,
    (event) =>
      serialized(async () => {
        const s = mustHave(state);
        const reason = rejectEvent(s, event, Date.now());
        if (reason) throw invalid(reason);
        await applyEvent(s, event);
        wake = true;
        return s;
      }),
    {
      validator: (event) => {
        const reason = eventShapeError(event) ?? (state ? rejectEvent(state, event, Date.now()) : null);
        if (reason) throw invalid(reason);
      },
    },
  );
  setHandler(
    acknowledgeUpdate,
    (ack) =>
      serialized(async () => {
        const s = mustHave(state);
        const reason = rejectAck(s, ack);
        if (reason) throw invalid(reason);
        const d = s.deadlines.find((x) => x.deadlineId === ack.deadlineId)!;
        d.acks.push({ series: ack.series, by: ack.by, at: nowIso() });
        note(s, { at: nowIso(), by: ack.by, type: 'acknowledged', deadlineId: d.deadlineId, summary: `${d.title}: ${ack.series} acknowledged ("I'm on it")` });
        wake = true;
        return s;
      }),
    { validator: (ack) => void (state && throwIf(rejectAck(state, ack))) },
  );
  setHandler(
    escalateUpdate,
    (esc) =>
      serialized(async () => {
        const s = mustHave(state);
        const reason = rejectEscalation(s, esc);
        if (reason) throw invalid(reason);
        const d = esc.deadlineId ? s.deadlines.find((x) => x.deadlineId === esc.deadlineId) : undefined;
        const entry = note(s, { at: nowIso(), by: esc.by, type: 'escalated', deadlineId: d?.deadlineId, summary: `escalated by hand: ${esc.reason}` });
        deliver(s, {
          idempotencyBase: `${s.caseId}/escalation/${entry.seq}/manual`,
          kind: 'escalation',
          stepAt: Date.now(),
          recipients: ['supervisor', 'lawyer', 'director'],
          reason: esc.reason,
          by: esc.by,
          deadline: d,
        });
        wake = true;
        return s;
      }),
    { validator: (esc) => void (state && throwIf(rejectEscalation(state, esc))) },
  );

  if (!state) state = await openCase(input);
  const s = state;

  let projected = 0;
  const keepSearchable = searchAttributesKeeper(input.searchAttributes);
  /** The read model follows the state; the event counter tells whether anything changed. */
  const project = async () => {
    keepSearchable(s);
    if (s.seq > projected) {
      // Only the new timeline entries: history would otherwise grow with the square of the timeline.
      const since = projected;
      projected = s.seq;
      await projectCase({ ...s, timeline: s.timeline.filter((t) => t.seq > since) });
    }
  };

  while (!s.closed) {
    fireDueSteps(s);
    await project();
    if (overlaysPending) {
      overlaysPending = false;
      await serialized(() => recompute(s));
      continue;
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT)) {
      await condition(() => inflight.size === 0 && allHandlersFinished());
      await continueAsNew<typeof caseWorkflow>({ ...input, state: s });
    }
    const next = nextWake(s);
    if (next === undefined) await condition(() => wake);
    else if (next > Date.now()) await condition(() => wake, next - Date.now());
    wake = false;
  }
  // Closed: let running updates answer and every message already due go out before completing.
  await condition(() => inflight.size === 0 && allHandlersFinished());
  await project();
  return { caseId: s.caseId, closed: s.closed };

  // ---- what the workflow does -------------------------------------------------------------------

  async function openCase(inp: CaseWorkflowInput): Promise<CaseState> {
    const { intake } = inp;
    const rules = await loadRules(inp.rulePack);
    const s: CaseState = {
      caseId: intake.caseId,
      rulePack: inp.rulePack,
      child: intake.child,
      office: intake.office,
      organization: intake.organization,
      phase: 'intake',
      assignments: intake.assignments,
      facts: { eventDates: {}, detained: false, absent: false, signatureCount: 0, entryDate: intake.entryDate },
      rules,
      deadlines: [],
      timeline: [],
      seq: 0,
      openedAt: intake.openedAt,
    };
    note(s, { at: intake.openedAt, by: intake.recordedBy, type: 'case_opened', summary: `case opened under rule pack ${inp.rulePack}` });
    const opens: OpenRequest[] = [];
    if (intake.child.birthDate) {
      for (const r of rules.filter((x) => x.triggerEvent === 'date_of_birth')) opens.push({ deadlineId: r.id, ruleId: r.id, trigger: intake.child.birthDate });
    }
    await openDeadlines(s, opens, intake.recordedBy);
    if (intake.entryDate) await applyEvent(s, { type: 'entered_mexico', occurredAt: intake.entryDate, recordedBy: intake.recordedBy });
    return s;
  }

  async function applyEvent(s: CaseState, e: CaseEvent): Promise<void> {
    for (const ev of internalEvents(e)) s.facts.eventDates[ev] = e.occurredAt;
    const fx = deadlineEffects(s, e);
    updateFacts(s, e);
    s.phase = nextPhase(s, e);
    note(s, { at: e.occurredAt, by: e.recordedBy, type: e.type, summary: describe(e) });

    const resolve = (ids: string[], status: DeadlineState['status'], type: TimelineEntry['type'], verb: string) => {
      for (const id of ids) {
        const d = s.deadlines.find((x) => x.deadlineId === id)!;
        if (status === 'met' && d.status === 'missed') d.late = true;
        d.status = status;
        d.resolvedAt = e.occurredAt;
        note(s, { at: e.occurredAt, by: e.recordedBy, type, deadlineId: id, summary: `${d.title}: ${verb}${d.late ? ' (late)' : ''}` });
      }
    };
    // Ending the detention ends the unlawful holding that the immediate-notice alarm is about.
    if (e.type === 'detention_ended') fx.meet.push(...s.deadlines.filter((d) => d.ruleId === 'child_detention_notice' && isLive(d)).map((d) => d.deadlineId));
    resolve(fx.meet, 'met', 'deadline_met', 'met');
    resolve(fx.extend, 'extended', 'deadline_extended', 'extended');
    resolve(fx.suspend, 'suspended', 'deadline_suspended', 'suspended while the child is detained');
    resolve(fx.cancel, 'cancelled', 'deadline_cancelled', 'no longer applies');
    await openDeadlines(s, fx.open, e.recordedBy);
    if (e.type === 'case_closed') s.closed = { reason: e.reason, at: e.occurredAt };
  }

  async function openDeadlines(s: CaseState, opens: OpenRequest[], by: string): Promise<void> {
    if (opens.length === 0) return;
    const computed = await computeDeadlines({ rulePack: s.rulePack, office: s.office, requests: opens });
    const now = Date.now();
    for (const c of computed) {
      const rule = s.rules.find((r) => r.id === c.ruleId);
      // Steps already past when the deadline is learnt of: only the latest goes out, and at once.
      const d: DeadlineState = { ...c, title: rule?.title ?? c.ruleId, status: 'open', openedAt: nowIso(), done: stepsPassed(c.steps, now, true), acks: [] };
      if (c.ruleId === 'weekly_signature') s.facts.signatureCount += 1;
      s.deadlines.push(d);
      note(s, { at: nowIso(), by, type: 'deadline_opened', deadlineId: d.deadlineId, summary: `${d.title}: due ${dueText(c)} (${c.citation}), counted from ${c.trigger}` });
    }
  }

  /** A DOF overlay changed: recount every live deadline and say which moved, and why. */
  async function recompute(s: CaseState): Promise<void> {
    const live = s.deadlines.filter((d) => isLive(d));
    if (live.length === 0) return;
    const computed = await computeDeadlines({
      rulePack: s.rulePack,
      office: s.office,
      requests: live.map((d) => ({ deadlineId: d.deadlineId, ruleId: d.ruleId, trigger: d.trigger })),
    });
    const now = Date.now();
    for (const c of computed) {
      const d = s.deadlines.find((x) => x.deadlineId === c.deadlineId)!;
      if (c.dueInstant === d.dueInstant && c.dueLatestInstant === d.dueLatestInstant) continue;
      const before = dueText(d);
      const added = c.overlaysApplied.filter((o) => !d.overlaysApplied.some((p) => p.id === o.id));
      const why = added.length ? added.map((o) => o.citation).join('; ') : 'calendar overlays changed';
      // `reason` is set even when absent: an agreement of the readings must clear an old disagreement.
      Object.assign(d, c, { reason: c.reason, done: stepsPassed(c.steps, now, false) });
      if (d.status === 'missed' && (d.missAt === null || d.missAt > now)) d.status = 'open';
      note(s, { at: nowIso(), by: 'system', type: 'deadline_moved', deadlineId: d.deadlineId, summary: `${d.title}: due ${before} → ${dueText(d)} because of ${why}` });
    }
  }

  function fireDueSteps(s: CaseState): void {
    const now = Date.now();
    for (const d of s.deadlines) {
      if (!isLive(d)) continue;
      if (d.status === 'open' && d.missAt !== null && d.missAt <= now) {
        d.status = 'missed';
        note(s, { at: new Date(d.missAt).toISOString(), by: 'system', type: 'deadline_missed', deadlineId: d.deadlineId, summary: `${d.title}: missed (was due ${dueText(d)})` });
      }
      for (const step of d.steps) {
        if (step.at > now || d.done.includes(step.id)) continue;
        d.done.push(step.id);
        if (d.acks.some((a) => a.series === step.series)) continue; // acknowledged: its repeats stop
        deliver(s, {
          idempotencyBase: `${s.caseId}/${d.deadlineId}/${d.dueInstant}/${step.id}`,
          kind: step.series,
          recipients: step.recipients,
          deadline: d,
          stepId: step.id,
          stepAt: step.at,
        });
      }
    }
  }

  /** Starts a delivery without blocking the clock; continue-as-new and closure wait for it. */
  function deliver(
    s: CaseState,
    m: Pick<DeliveryInput, 'idempotencyBase' | 'kind' | 'recipients' | 'stepId' | 'stepAt' | 'reason' | 'by'> & { deadline?: DeadlineState },
  ): void {
    const d = m.deadline;
    const p = deliverStep({
      ...m,
      caseId: s.caseId,
      assignments: { ...s.assignments },
      firedAt: Date.now(),
      deadline: d && {
        deadlineId: d.deadlineId,
        ruleId: d.ruleId,
        title: d.title,
        citation: d.citation,
        due: d.due,
        dueLatest: d.dueLatest,
        dueInstant: d.dueInstant,
        reason: d.reason,
        kind: d.kind,
        unit: d.unit,
        calendar: d.calendar,
      },
    }).then(
      (r) => {
        const to = r.sent.map((x) => `${x.role} ${x.userId}`).join(', ') || 'nobody';
        const missing = r.unreachable.length ? `; nobody to tell as ${r.unreachable.join(', ')}` : '';
        note(s, { at: nowIso(), by: 'system', type: 'notification_sent', deadlineId: d?.deadlineId, summary: `${m.stepId ?? m.kind} sent to ${to}${missing}` });
        wake = true; // so the read model shows it
      },
      (err: Error) => log.error('delivery failed for good', { step: m.stepId, error: err.message }),
    );
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }
}

// ---- pure helpers (no workflow state) -------------------------------------------------------------

function mustHave(s: CaseState | undefined): CaseState {
  if (!s) throw new Error('the case is still opening');
  return s;
}

function invalid(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ message: reason, type: 'InvalidEvent', nonRetryable: true });
}

function throwIf(reason: string | null): void {
  if (reason) throw invalid(reason);
}

function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

function note(s: CaseState, e: Omit<TimelineEntry, 'seq' | 'recordedAt'>): TimelineEntry {
  const entry: TimelineEntry = { ...e, seq: ++s.seq, recordedAt: nowIso() };
  s.timeline.push(entry);
  return entry;
}

/** Step ids to skip: those already past; with `catchUp`, all but the latest instant, which fires now. */
function stepsPassed(steps: LadderStep[], now: number, catchUp: boolean): string[] {
  const past = steps.filter((st) => st.at <= now);
  if (!catchUp || past.length === 0) return past.map((st) => st.id);
  const latest = Math.max(...past.map((st) => st.at));
  return past.filter((st) => st.at < latest).map((st) => st.id);
}

function nextWake(s: CaseState): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => (next = next === undefined ? t : Math.min(next, t));
  for (const d of s.deadlines) {
    if (!isLive(d)) continue;
    if (d.status === 'open' && d.missAt !== null) consider(d.missAt);
    for (const st of d.steps) if (!d.done.includes(st.id)) consider(st.at);
  }
  return next;
}

function dueText(c: Pick<ComputedDeadline, 'due' | 'dueLatest'>): string {
  return c.dueLatest !== c.due ? `${c.due} (latest reading ${c.dueLatest})` : c.due;
}

function updateFacts(s: CaseState, e: CaseEvent): void {
  switch (e.type) {
    case 'entered_mexico':
      s.facts.entryDate = e.occurredAt.slice(0, 10);
      break;
    case 'detention_started':
      s.facts.detained = true;
      break;
    case 'detention_ended':
      s.facts.detained = false;
      break;
    case 'child_absent':
      s.facts.absent = true;
      break;
    case 'child_returned':
      s.facts.absent = false;
      break;
    case 'placement_changed':
      s.facts.placement = e.placement;
      break;
    case 'interview_scheduled':
      s.facts.interviewAt = e.interviewAt;
      break;
    case 'decision_notified':
      s.facts.decision = e.outcome;
      break;
    case 'assignment_changed':
      s.assignments = { ...s.assignments, [e.role]: e.userId };
      break;
    default:
      break;
  }
}

function describe(e: CaseEvent): string {
  const extra =
    e.type === 'decision_notified' ? `: ${e.outcome}`
    : e.type === 'detention_started' ? ` at ${e.place}`
    : e.type === 'placement_changed' ? `: ${e.placement}`
    : e.type === 'assignment_changed' ? `: ${e.role} is now ${e.userId}`
    : e.type === 'case_closed' ? `: ${e.reason}`
    : e.type === 'interview_scheduled' ? ` for ${e.interviewAt}`
    : e.type === 'asylum_claim_filed' && e.byRepresentative ? ' by a representative'
    : '';
  return `${e.type.replace(/_/g, ' ')}${extra}${e.note ? ` — ${e.note}` : ''}`;
}

function rejectAck(s: CaseState, a: Acknowledge): string | null {
  if (!a || typeof a.by !== 'string' || !a.by.trim()) return 'by: required';
  const d = s.deadlines.find((x) => x.deadlineId === a.deadlineId);
  if (!d) return `deadlineId: no deadline '${a.deadlineId}' on this case`;
  if (!isLive(d)) return `deadlineId: ${a.deadlineId} is ${d.status}; nothing to acknowledge`;
  if (!d.steps.some((st) => st.series === a.series)) return `series: ${a.deadlineId} has no ${a.series} steps`;
  if (d.acks.some((x) => x.series === a.series)) return `series: ${a.series} of ${a.deadlineId} is already acknowledged`;
  return null;
}

function rejectEscalation(s: CaseState, e: Escalation): string | null {
  if (s.closed) return 'type: the case is closed';
  if (!e || typeof e.by !== 'string' || !e.by.trim()) return 'by: required';
  if (typeof e.reason !== 'string' || e.reason.trim().length < 3) return 'reason: say why (at least 3 characters)';
  if (e.deadlineId !== undefined && !s.deadlines.some((d) => d.deadlineId === e.deadlineId)) return `deadlineId: no deadline '${e.deadlineId}' on this case`;
  return null;
}
