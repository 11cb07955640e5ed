/**
 * One child's case, from intake to closure. It holds the deadlines, sleeps until the next ladder step,
 * wakes on events, and sends each step through an activity. Deterministic: due dates and ladders arrive
 * as activity results, time is the SDK's, and nothing here does I/O. What a case is and how an event
 * changes it is the pure model in domain/case/: every handler computes first (activities included) and
 * only then replaces the state, so a failure leaves the case as it was.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryInput } from '../activities/deliveries';
import { acknowledge, rejectAck, rejectWithdrawal, withdrawAck } from '../domain/case/acknowledgements';
import { escalate, ESCALATION_RECIPIENTS, rejectEscalation } from '../domain/case/escalation';
import { eventShapeError, intakeRangeError } from '../domain/case/eventTypes';
import { refusal } from '../domain/case/refusal';
import { correctedEvents, mergeCorrection, rejectCorrection } from '../domain/case/corrections';
import { birthRequests, entryEvent, newCase, openBirthDeadlines } from '../domain/case/opening';
import { applyRecount, recountRequests } from '../domain/case/recount';
import { applyEvent, deadlinesToOpen } from '../domain/case/recordEvent';
import type { CaseState, ComputedDeadline, DeadlineState } from '../domain/case/state';
import { fireDueSteps, nextWake, noteDelivery, type SummaryDelivery } from '../domain/case/steps';
import { MEXICO_CITY_TIME, rejectEvent, type OpenRequest } from '../domain/case/transitions';
import { LEGACY_FIXED_OFFSET } from '../domain/case/legacyOffset';
import { upcoming } from '../domain/case/upcoming';
import {
  acknowledgeUpdate,
  escalateUpdate,
  correctEventUpdate,
  overlaysChangedSignal,
  recordEventUpdate,
  withdrawAckUpdate,
  stateQuery,
  timelineQuery,
  upcomingQuery,
  type CaseWorkflowInput,
} from './caseDefinitions';
import { searchAttributesKeeper } from './searchAttributes';

const computing = { startToCloseTimeout: '1 minute', retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' } } as const;
// Counting deadlines and writing the read model are short, and the worker that runs the workflow task can
// do them itself: as local activities they cost no trip through the server's task queues (an opening was
// three workflow tasks and two activity tasks, now one workflow task), and their inputs (the whole case
// state, for the read model) are not written into history. Runs recorded before keep the task-queue ones.
const queued = proxyActivities<Activities>(computing);
const inWorker = proxyLocalActivities<Activities>(computing);
// Unlimited attempts: a message is never dropped; after a few failures the supervisor hears in the app.
// A worker that dies mid-send is noticed when startToClose runs out; a send takes seconds.
const { deliverStep } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

const DEFAULT_HISTORY_LIMIT = 10_000;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<{ caseId: string; closed: CaseState['closed'] }> {
  const refused = refusal(input);
  if (refused) throw ApplicationFailure.create({ message: refused, type: 'RefusedPayload', nonRetryable: true });
  let state: CaseState | undefined = input.state;
  let wake = false;
  let overlaysPending = false;
  const inflight = new Set<Promise<void>>();
  let lock: Promise<unknown> = Promise.resolve();
  // Acknowledgements per person (issue 13). Runs recorded before keep the old rule: one per series, silencing it.
  const legacyAcks = !patched('acknowledgement-per-person');
  // Steps due before the case was in Plazo are not sent (one summary instead); older runs caught up on each.
  const legacyImport = !patched('not-sent-before-plazo');
  const { loadRules, computeDeadlines, projectCase } = patched('local-compute-and-projection') ? inWorker : queued;
  // Days on Mexico City's clock by the IANA zone; older runs read them at a fixed UTC−6 and replay so.
  const time = patched('mexico-city-iana-zone') ? MEXICO_CITY_TIME : LEGACY_FIXED_OFFSET;

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
        throwIf(rejectEvent(s, event, Date.now(), time));
        const receivedAt = Date.now();
        const computed = await compute(s, deadlinesToOpen(s, event), 'occurredAt');
        // The clock may have sent steps meanwhile: apply to the state as it is now (the same requests).
        state = applyEvent(mustHave(state), event, computed, { receivedAt, now: Date.now(), time });
        wake = true;
        return state;
      }),
    {
      validator: (event) => {
        throwIf(refusal(event) ?? eventShapeError(event) ?? (state ? rejectEvent(state, event, Date.now(), time) : null));
      },
    },
  );
  setHandler(
    acknowledgeUpdate,
    (ack) =>
      serialized(async () => {
        const s = mustHave(state);
        throwIf(rejectAck(s, ack, Date.now(), legacyAcks));
        state = acknowledge(s, ack, Date.now(), legacyAcks); // the same state when already acknowledged
        wake = true;
        return state;
      }),
    { validator: (ack) => throwIf(refusal(ack) ?? (state ? rejectAck(state, ack, Date.now(), legacyAcks) : null)) },
  );
  setHandler(
    correctEventUpdate,
    (c) =>
      serialized(async () => {
        const s = mustHave(state);
        throwIf(rejectCorrection(s, c));
        // The whole case is recounted first; only if every event still stands does anything change.
        const rebuilt = await rebuild(s, correctedEvents(s, c));
        state = mergeCorrection(mustHave(state), rebuilt, c, Date.now());
        wake = true;
        return state;
      }),
    { validator: (c) => throwIf(refusal(c) ?? (state ? rejectCorrection(state, c) : null)) },
  );
  setHandler(
    withdrawAckUpdate,
    (w) =>
      serialized(async () => {
        const s = mustHave(state);
        throwIf(rejectWithdrawal(s, w));
        state = withdrawAck(s, w, Date.now());
        wake = true;
        return state;
      }),
    { validator: (w) => throwIf(refusal(w) ?? (state ? rejectWithdrawal(state, w) : null)) },
  );
  setHandler(
    escalateUpdate,
    (esc) =>
      serialized(async () => {
        const s = mustHave(state);
        throwIf(rejectEscalation(s, esc));
        const stepAt = Date.now();
        const { state: next, idempotencyBase } = escalate(s, esc, stepAt);
        state = next;
        deliver({ idempotencyBase, kind: 'escalation', stepAt, recipients: ESCALATION_RECIPIENTS, reason: esc.reason, by: esc.by, deadlineId: esc.deadlineId });
        wake = true;
        return state;
      }),
    { validator: (esc) => throwIf(refusal(esc) ?? (state ? rejectEscalation(state, esc) : null)) },
  );

  if (!state) state = await openCase(input);

  let projected = 0;
  const keepSearchable = searchAttributesKeeper(input.searchAttributes);
  /** The read model follows the state; the event counter tells whether anything changed. */
  const project = async () => {
    const s = mustHave(state);
    keepSearchable(s);
    if (s.seq > projected) {
      // Only the new timeline entries: history would otherwise grow with the square of the timeline.
      const since = projected;
      projected = s.seq;
      // Nor the events log, which only a correction reads.
      await projectCase({ ...s, events: undefined, timeline: s.timeline.filter((t) => t.seq > since) });
    }
  };

  while (!mustHave(state).closed) {
    const fired = fireDueSteps(mustHave(state), Date.now(), legacyAcks);
    state = fired.state;
    for (const d of fired.deliveries) deliver(d);
    if (fired.summary) deliverSummary(fired.summary);
    await project();
    if (overlaysPending) {
      overlaysPending = false;
      await serialized(async () => {
        const s = mustHave(state);
        const requests = recountRequests(s);
        if (requests.length === 0) return;
        // A recount that fails leaves the deadlines as they were; the next overlay change tries again.
        const computed = await compute(s, requests, 'overlays').catch((err: Error) => {
          log.error('recount after an overlay change failed', { error: err.message });
          return undefined;
        });
        if (computed) state = applyRecount(mustHave(state), computed, Date.now());
      });
      continue;
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT)) {
      await condition(() => inflight.size === 0 && allHandlersFinished());
      await continueAsNew<typeof caseWorkflow>({ ...input, state: mustHave(state) });
    }
    const next = nextWake(mustHave(state));
    if (next === undefined) await condition(() => wake);
    else if (next > Date.now()) await condition(() => wake, next - Date.now());
    wake = false;
  }
  // Closed: let running updates answer and every message already due go out before completing.
  await condition(() => inflight.size === 0 && allHandlersFinished());
  await project();
  const s = mustHave(state);
  return { caseId: s.caseId, closed: s.closed };

  // ---- what the workflow does -------------------------------------------------------------------

  /** Everything is computed before the case exists: an intake that cannot be counted opens nothing. */
  async function openCase(inp: CaseWorkflowInput): Promise<CaseState> {
    const { intake } = inp;
    // Dates outside the covered range are refused before anything is computed or stored.
    const outOfRange = intakeRangeError(intake);
    if (outOfRange) throw ApplicationFailure.nonRetryable(outOfRange, 'InvalidIntake');
    const rules = await loadRules(inp.rulePack);
    let s = newCase(intake, inp.rulePack, rules, Date.now(), { legacy: legacyImport });
    const births = birthRequests(intake, rules);
    if (births.length > 0) s = openBirthDeadlines(s, await compute(s, births, 'child.birthDate', true), intake.recordedBy, Date.now());
    const entry = entryEvent(intake);
    if (entry) {
      const receivedAt = Date.now();
      s = applyEvent(s, entry, await compute(s, deadlinesToOpen(s, entry), 'entryDate', true), { receivedAt, now: Date.now(), time });
    }
    return s;
  }

  /** The case as it would be had these events been recorded: the same steps as opening and recording. */
  async function rebuild(s: CaseState, events: NonNullable<CaseState['events']>): Promise<CaseState> {
    const { intake } = input;
    let r: CaseState = { ...newCase(intake, s.rulePack, s.rules, Date.now(), { legacy: s.inPlazoSince === undefined }), inPlazoSince: s.inPlazoSince };
    const births = birthRequests(intake, s.rules);
    if (births.length > 0) r = openBirthDeadlines(r, await compute(r, births, 'child.birthDate'), intake.recordedBy, Date.now());
    for (const { seq, event } of events) {
      const reason = rejectEvent(r, event, Date.now(), time);
      if (reason) throw invalid(`event: with the correction, #${seq} ${event.type} (${event.occurredAt}) no longer stands: ${reason}`);
      const receivedAt = Date.now();
      r = applyEvent(r, event, await compute(r, deadlinesToOpen(r, event), 'occurredAt'), { receivedAt, now: Date.now(), eventSeq: seq, time });
    }
    return r;
  }

  /**
   * Due dates and ladders from the activity. A date the calendars cannot count from is the input's
   * fault: the Update (or the opening) fails naming `field`, and nothing has changed yet.
   */
  async function compute(s: CaseState, requests: OpenRequest[], field: string, opening = false): Promise<ComputedDeadline[]> {
    if (requests.length === 0) return [];
    try {
      return await computeDeadlines({ rulePack: s.rulePack, office: s.office, requests });
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
        throw ApplicationFailure.create({ message: `${field}: ${err.cause.message}`, type: opening ? 'InvalidIntake' : 'InvalidEvent', nonRetryable: true });
      }
      throw err;
    }
  }

  /** One message per person the not-sent steps were for: what is still open on the case, and when it is due. */
  function deliverSummary(m: SummaryDelivery): void {
    const s = mustHave(state);
    const covered = s.deadlines.filter((d) => m.deadlineIds.includes(d.deadlineId));
    track(
      deliverStep({
        idempotencyBase: m.idempotencyBase,
        kind: 'summary',
        recipients: m.recipients,
        caseId: s.caseId,
        assignments: { ...s.assignments },
        firedAt: Date.now(),
        summary: covered.map((d) => ({ ...messageDeadline(d), status: d.status })),
      }).then(
        (r) => {
          state = noteDelivery(mustHave(state), { label: 'summary of what was not sent before the case was in Plazo', sent: r.sent, unreachable: r.unreachable }, Date.now());
          wake = true;
        },
        (err: Error) => log.error('summary delivery failed for good', { error: err.message }),
      ),
    );
  }

  function track(p: Promise<void>): void {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }

  /** Starts a delivery without blocking the clock; continue-as-new and closure wait for it. */
  function deliver(
    m: Pick<DeliveryInput, 'idempotencyBase' | 'kind' | 'recipients' | 'stepId' | 'stepAt' | 'reason' | 'by' | 'except'> & { deadlineId?: string },
  ): void {
    const s = mustHave(state);
    const { deadlineId, ...message } = m;
    const d = deadlineId ? s.deadlines.find((x) => x.deadlineId === deadlineId) : undefined;
    const p = deliverStep({
      ...message,
      caseId: s.caseId,
      office: s.office,
      assignments: { ...s.assignments },
      firedAt: Date.now(),
      deadline: d && messageDeadline(d),
    }).then(
      (r) => {
        state = noteDelivery(mustHave(state), { deadlineId: d?.deadlineId, label: m.stepId ?? m.kind, sent: r.sent, unreachable: r.unreachable }, Date.now());
        wake = true; // so the read model shows it
      },
      (err: Error) => log.error('delivery failed for good', { step: m.stepId, error: err.message }),
    );
    track(p);
  }
}

/** What a message says about a deadline. */
function messageDeadline(d: DeadlineState): NonNullable<DeliveryInput['deadline']> {
  return {
    deadlineId: d.deadlineId,
    ruleId: d.ruleId,
    title: d.title,
    citation: d.citation,
    due: d.due,
    dueLatest: d.dueLatest,
    dueInstant: d.dueInstant,
    reason: d.reason,
    explanation: d.explanation,
    kind: d.kind,
    unit: d.unit,
    calendar: d.calendar,
  };
}

// ---- plain helpers (no workflow state) ------------------------------------------------------------

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
