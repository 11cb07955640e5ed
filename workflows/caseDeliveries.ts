/**
 * The case's messages: ladder steps, escalations, the summary of what was not sent before the case was
 * in Plazo, reassignment notices. Each goes out through the deliverStep activity (an idempotency key per
 * person, the ledger) without blocking the clock; continue-as-new and closure wait until none is in flight.
 */
import { log, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliveryInput, DeliveryResult } from '../activities/deliveries';
import type { CaseState } from '../domain/case/state';
import { deliveryInputOf, messageDeadline, type DeliveryRequest } from '../domain/case/stepInput';
import { noteDelivery, type SummaryDelivery } from '../domain/case/steps';

// Unlimited attempts: a message is never dropped; after a few failures the supervisor hears in the app.
// A worker that dies mid-send is noticed when startToClose runs out; a send takes seconds.
const { deliverStep, deliverSteps } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

// The steps the clock fires, first tried by the worker running the wake-up's workflow task: who they reached is
// noted in that same task, so a case woken at 09:00 costs one workflow task (one replay) instead of two. One short
// attempt: the task (and an Update arriving meanwhile) waits for it, never for an SMTP outage's retries; past it,
// the queued activity above takes over (the ledger's keys keep each email at most once across both). What an
// Update fires stays queued (caseWorkflow.ts): the Update's answer would otherwise wait for the send.
const inTask = proxyLocalActivities<Activities>({
  scheduleToCloseTimeout: '6 seconds',
  retry: { maximumAttempts: 1 },
});

export type { DeliveryRequest };

export interface CaseDeliveries {
  /** Starts a delivery without blocking the clock. */
  deliver(m: DeliveryRequest): void;
  /**
   * Starts the steps that fell due together: when the run is patched 'steps-due-together', one activity for
   * all of them, which tells each person of them in one email (each step still its own ledger key and link).
   */
  deliverTogether(ms: DeliveryRequest[]): void;
  /**
   * The steps a wake-up fired, sent by the worker running the wake-up's task (patched 'steps-sent-in-task'), each
   * person one email, and noted in that same task; resolves once noted, or once handed to the queued activity.
   * Awaited alone (no other local activity of the case in flight): concurrent local activities resolve in another
   * order on replay than live.
   */
  sendInTask(ms: DeliveryRequest[]): Promise<void>;
  /** One message per person the not-sent steps were for: what is still open on the case, and when it is due. */
  deliverSummary(m: SummaryDelivery): void;
  /** The same summary sent from the wake-up's own task, as `sendInTask` sends steps (and awaited alone, as it is). */
  sendSummaryInTask(m: SummaryDelivery): Promise<void>;
  /** Nothing is in flight. */
  idle(): boolean;
}

/**
 * `current` reads the case; `note` changes it (who a message reached goes on the timeline) and wakes the workflow.
 * `together`: the run is patched 'steps-due-together' (steps due at the same instant in one activity).
 */
export function caseDeliveries(current: () => CaseState, note: (change: (s: CaseState) => CaseState) => void, together = false): CaseDeliveries {
  const inflight = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  };
  /** What the activity is given for a message of the case as it is now. */
  const inputOf = (s: CaseState, m: DeliveryRequest): DeliveryInput => deliveryInputOf(s, m, Date.now());
  /** Who a message reached goes on the timeline, so the read model shows it. */
  const noted = (m: DeliveryRequest, input: DeliveryInput, r: DeliveryResult) => {
    // A reassignment notice stays off the timeline, as when the API sent it: the event itself is there.
    if (m.kind === 'reassigned') return;
    note((x) => noteDelivery(x, { deadlineId: input.deadline?.deadlineId, label: m.stepId ?? m.kind, sent: r.sent, unreachable: r.unreachable, ...(r.sentAt ? { at: r.sentAt } : {}) }, Date.now()));
  };
  /** The steps due together through the queued activity, noted in the order they fired (one workflow task). */
  const queuedTogether = (ms: DeliveryRequest[], inputs: DeliveryInput[]) =>
    deliverSteps(inputs).then(
      (rs) => ms.forEach((m, i) => noted(m, inputs[i]!, rs[i]!)),
      (err: Error) => log.error('delivery failed for good', { steps: ms.map((m) => m.stepId ?? m.kind).join(', '), error: err.message }),
    );
  const notedSummary = (r: DeliveryResult) =>
    note((x) => noteDelivery(x, { label: 'summary of what was not sent before the case was in Plazo', beforePlazoSummary: true, sent: r.sent, unreachable: r.unreachable }, Date.now()));
  const queuedSummary = (input: DeliveryInput) =>
    deliverStep(input).then(notedSummary, (err: Error) => log.error('summary delivery failed for good', { error: err.message }));
  /** The in-task attempt's result is noted; if it did not finish (SMTP refusing or slow), the queued activity retries (the ledger skips what went out). */
  const firstInTask = async <R>(attempt: Promise<R>, done: (r: R) => void, queued: () => Promise<void>) => {
    const r = await attempt.catch(() => undefined);
    if (r) done(r);
    else track(queued());
  };
  const deliver = (m: DeliveryRequest) => {
    const input = inputOf(current(), m);
    track(
      deliverStep(input).then(
        (r) => noted(m, input, r),
        (err: Error) => log.error('delivery failed for good', { step: m.stepId ?? m.kind, error: err.message }),
      ),
    );
  };
  return {
    deliver,
    deliverTogether(ms) {
      if (!together || ms.length < 2) {
        for (const m of ms) deliver(m);
        return;
      }
      const s = current();
      const inputs = ms.map((m) => inputOf(s, m));
      track(queuedTogether(ms, inputs));
    },
    async sendInTask(ms) {
      if (ms.length === 0) return;
      const s = current();
      const inputs = ms.map((m) => inputOf(s, m));
      await firstInTask(inTask.deliverSteps(inputs), (rs) => ms.forEach((m, i) => noted(m, inputs[i]!, rs[i]!)), () => queuedTogether(ms, inputs));
    },
    deliverSummary(m) {
      const input = summaryInput(current(), m);
      track(queuedSummary(input));
    },
    async sendSummaryInTask(m) {
      const input = summaryInput(current(), m);
      await firstInTask(inTask.deliverStep(input), notedSummary, () => queuedSummary(input));
    },
    idle: () => inflight.size === 0,
  };
}

/** The summary's message: the live deadlines it covers, as the case holds them now. */
function summaryInput(s: CaseState, m: SummaryDelivery): DeliveryInput {
  const covered = s.deadlines.filter((d) => m.deadlineIds.includes(d.deadlineId));
  return {
    idempotencyBase: m.idempotencyBase,
    kind: 'summary',
    recipients: m.recipients,
    caseId: s.caseId,
    assignments: { ...s.assignments },
    firedAt: Date.now(),
    summary: covered.map((d) => ({ ...messageDeadline(d), status: d.status })),
  };
}
