/**
 * One child's case, from intake to closure. It holds the deadlines, sleeps until the next ladder step,
 * wakes on events, and sends each step through an activity. Deterministic: due dates and ladders arrive
 * as activity results, time is the SDK's, and nothing here does I/O. What a case is and how an event
 * changes it is the pure model in domain/case/; the Updates are a table (caseUpdates.ts), each computing
 * first (activities included) and only then replacing the state, so a failure leaves the case as it was.
 */
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, log, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { intakeFactError } from '../domain/case/factChecks';
import { recountRequests, applyRecount, movedDeliveries } from '../domain/case/recount';
import { refusal } from '../domain/case/refusal';
import type { CaseEvent } from '../domain/case/events';
import { eventShapeError, intakeRangeError } from '../domain/case/eventTypes';
import { intakeEvents, replay, type ReplayedEvent } from '../domain/case/replay';
import type { CaseState } from '../domain/case/state';
import { fireDueSteps, nextWake } from '../domain/case/steps';
import { outboxChangeOf } from '../domain/case/outboxRows';
import { upcoming } from '../domain/case/upcoming';
import { overlaysChangedSignal, stateQuery, stepsLeftSignal, timelineQuery, upcomingQuery, type CaseWorkflowInput } from './caseDefinitions';
import { computeWith, countingActivities, perDeadlinePack, stepsMode } from './caseCounting';
import { caseDeliveries } from './caseDeliveries';
import { caseUpdates, invalid, type Commit, type UpdateRow } from './caseUpdates';
import { searchAttributesKeeper } from './searchAttributes';
import { LEGACY_FIXED_OFFSET } from '../domain/case/legacyOffset';
import { MEXICO_CITY_TIME } from '../domain/case/transitions';

const DEFAULT_HISTORY_LIMIT = 10_000;

export async function caseWorkflow(input: CaseWorkflowInput): Promise<{ caseId: string; closed: CaseState['closed'] }> {
  const refused = refusal(input);
  if (refused) throw ApplicationFailure.create({ message: refused, type: 'RefusedPayload', nonRetryable: true });
  let state: CaseState | undefined = input.state;
  let wake = false;
  let overlaysPending = false;
  // An Update changed the case since the loop last ran: what that fires goes out queued, so the Update's
  // answer (a caseworker on a phone) never waits for SMTP.
  let updated = false;
  let lock: Promise<unknown> = Promise.resolve();
  // Acknowledgements per person (issue 13). Runs recorded before keep the old rule: one per series, silencing it.
  const legacyAcks = !patched('acknowledgement-per-person');
  // Steps due before the case was in Plazo are not sent (one summary instead); older runs caught up on each.
  const legacyImport = !patched('not-sent-before-plazo');
  const { loadRules, computeDeadlines, projectCase } = countingActivities(patched('local-compute-and-projection'));
  const compute = computeWith(computeDeadlines, 'InvalidEvent');
  // Days on Mexico City's clock by the IANA zone; older runs read them at a fixed UTC−6 and replay so.
  const time = patched('mexico-city-iana-zone') ? MEXICO_CITY_TIME : LEGACY_FIXED_OFFSET;
  // Facts that cannot be true together (before birth, before entry, an adult) are refused; older runs took them.
  const checkFacts = patched('facts-that-can-be-true');
  // Timeline entries carry what they say as data (domain/case/timelineDetail.ts); older runs keep their English text.
  const timelineData = patched('timeline-as-data');
  if (state && timelineData && !state.timelineData) state = { ...state, timelineData: true };
  const current = () => mustHave(state);
  // Steps due at the same instant go out in one activity (one task, one note, one projection); older runs sent one each.
  const together = patched('steps-due-together');
  // The fired steps are tried first in the wake-up's own task (one task per wake-up); older runs queued them.
  const sentInTask = together && patched('steps-sent-in-task');
  // Updates answer a receipt (caseDefinitions.ts CaseReceipt), not the whole case; older runs answer the state.
  const receipts = patched('update-answers-receipt');
  const messages = caseDeliveries(
    current,
    (change) => {
      state = change(current());
      wake = true;
    },
    together,
  );

  /** What a wake-up fired, sent one local activity after the other (callers hold the Updates' lock). */
  const sendFired = async ({ deliveries, summary }: ReturnType<typeof fireDueSteps>) => {
    await messages.sendInTask(deliveries);
    if (summary) await messages.sendSummaryInTask(summary);
  };
  /** What is due now, fired and sent (or found sent by the dispatcher) and noted; for a caller holding the lock. */
  const fireInTask = async () => {
    const fired = fireDueSteps(current(), Date.now(), legacyAcks);
    state = fired.state;
    await sendFired(fired);
  };

  /** Updates run one at a time: each sees the state the previous one left. */
  const serialized = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(async () => {
      await condition(() => state !== undefined);
      return fn();
    });
    lock = run.catch(() => undefined);
    return run;
  };
  /** What an Update computed, made to the case as it is now; then its messages go out. */
  const commit: Commit = (change) => {
    const next = change(current());
    state = next.state;
    updated = true;
    for (const m of next.deliveries ?? []) messages.deliver(m);
    wake = true;
    return state;
  };
  // The validator refuses what the case refuses when the Update arrives; its turn comes after the Updates
  // before it, which may have changed the case: checked again then.
  const validate = <A>(u: UpdateRow<A>, arg: A) => throwIf(refusal(arg) ?? u.malformed?.(arg) ?? (state ? u.reject(state, arg, Date.now()) : null));
  const run = <A>(u: UpdateRow<A>, arg: A) =>
    serialized(async () => {
      // A case that notes the dispatcher's steps later notes what is due first: an Update that meets the deadline
      // would otherwise leave the alarm already sent off its timeline.
      if (current().notedLater) await fireInTask();
      const s = current();
      throwIf(u.reject(s, arg, Date.now()));
      const after = await u.apply(s, arg, commit);
      return receipts ? { caseId: after.caseId, seq: after.seq } : after;
    });

  setHandler(stateQuery, current);
  setHandler(timelineQuery, () => current().timeline);
  setHandler(upcomingQuery, () => upcoming(current()));
  setHandler(stepsLeftSignal, () => void (wake = true));
  setHandler(overlaysChangedSignal, () => {
    overlaysPending = true;
    wake = true;
  });
  for (const wire of caseUpdates({ intake: input.intake, compute, legacyAcks, time, checkFacts })) wire((u) => setHandler(u.update, (arg) => run(u, arg), { validator: (arg) => validate(u, arg) }));

  if (!state) {
    // Dates outside the covered range are refused before anything is computed or stored.
    const outOfRange = intakeRangeError(input.intake) ?? (checkFacts ? intakeFactError(input.intake) : null);
    if (outOfRange) throw ApplicationFailure.nonRetryable(outOfRange, 'InvalidIntake');
    // An import's past events come with the opening (one workflow task instead of an Update each); runs
    // recorded before had none, so they never ask for the patch.
    const past = input.pastEvents?.length && patched('past-events-at-opening') ? pastItems(input.pastEvents) : undefined;
    const rules = await loadRules(input.rulePack);
    // Everything is computed before the case exists: an intake that cannot be counted opens nothing.
    const base = { rulePack: input.rulePack, rules, inPlazoSince: legacyImport ? undefined : Date.now(), timelineData };
    const steps = { compute: computeWith(computeDeadlines, 'InvalidIntake'), now: () => Date.now(), time };
    state = await replay(input.intake, base, [...intakeEvents(input.intake), ...(past ?? [])], past ? { ...steps, refuse: refusePast, checkFacts } : steps);
    if (input.importRun) state = { ...state, importRun: input.importRun };
    // The worker says whether this case's steps go through the dispatcher across cases; the answer is in the
    // history, so the case keeps its way for life. Runs recorded before send their steps themselves.
    if (patched('steps-by-dispatcher') && (await stepsMode()).dispatcher) {
      // Cases opened since 'dispatched-steps-noted-later' do not wake for each step the dispatcher sends (issue 28).
      state = { ...state, stepsBy: 'dispatcher', ...(patched('dispatched-steps-noted-later') ? { notedLater: true as const } : {}) };
    }
  }

  /**
   * What a wake-up fired, sent from its own task, one local activity after the other, under the Updates' lock:
   * no other local activity of the case runs beside them (live and on replay they would resolve in other orders).
   */
  const sendInTask = async (fired: ReturnType<typeof fireDueSteps>) => {
    if (fired.deliveries.length === 0 && !fired.summary) return;
    await serialized(() => sendFired(fired));
  };

  let projected = 0;
  // The outbox rows this run last projected (a case whose steps the dispatcher sends): each projection writes what changed.
  let outboxWritten: Map<string, string> | undefined;
  const keepSearchable = searchAttributesKeeper(input.searchAttributes);
  /** The read model follows the state; the event counter tells whether anything changed. */
  const project = async () => {
    const s = current();
    keepSearchable(s);
    const outbox = s.stepsBy === 'dispatcher' ? outboxChangeOf(s, outboxWritten) : undefined;
    if (s.seq > projected || outbox?.moved) {
      // Only the new timeline entries: history would otherwise grow with the square of the timeline.
      const since = projected;
      projected = s.seq;
      // Nor the events log, which only a correction reads, nor the rules, which the read model does not
      // hold (serializing them for every projection was a visible cost in the 09:00 rush's profile). A
      // local activity's input is not in history, so recorded runs replay unchanged.
      await projectCase({ ...s, events: undefined, rules: [], timeline: s.timeline.filter((t) => t.seq > since), ...(outbox ? { outbox: outbox.change } : {}) });
      if (outbox) outboxWritten = outbox.after;
    }
  };
  /** A recount that fails leaves the deadlines as they were; the next overlay change tries again. */
  const recount = async () => {
    const s = current();
    const requests = recountRequests(s);
    if (requests.length === 0) return;
    const computed = await perDeadlinePack(compute)(s, requests, 'overlays').catch((err: Error) => {
      log.error('recount after an overlay change failed', { error: err.message });
      return undefined;
    });
    if (!computed) return;
    const before = current();
    // A breached deadline stays breached through a recount; runs recorded before reopened it.
    state = applyRecount(before, computed, Date.now(), patched('recount-keeps-breach'));
    // Each moved deadline is told to the case's people by email; runs recorded before only noted it.
    if (patched('recount-tells-people')) for (const m of movedDeliveries(before, state)) messages.deliver({ ...m, stepAt: Date.now() });
  };

  while (!current().closed) {
    const fired = fireDueSteps(current(), Date.now(), legacyAcks);
    state = fired.state;
    const afterUpdate = updated;
    updated = false;
    if (sentInTask && !afterUpdate) await sendInTask(fired);
    else {
      messages.deliverTogether(fired.deliveries);
      if (fired.summary) messages.deliverSummary(fired.summary);
    }
    await project();
    if (overlaysPending) {
      overlaysPending = false;
      await serialized(recount);
      continue;
    }
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? DEFAULT_HISTORY_LIMIT)) {
      await condition(() => messages.idle() && allHandlersFinished());
      await continueAsNew<typeof caseWorkflow>({ ...input, state: current() });
    }
    const next = nextWake(current());
    if (next === undefined) await condition(() => wake);
    else if (next > Date.now()) await condition(() => wake, next - Date.now());
    wake = false;
  }
  // Closed: let running updates answer and every message already due go out before completing.
  await condition(() => messages.idle() && allHandlersFinished());
  await project();
  const s = current();
  return { caseId: s.caseId, closed: s.closed };
}

/** The past events as replayed items, each naming its place in the input; a malformed one refuses the opening. */
function pastItems(events: CaseEvent[]): ReplayedEvent[] {
  return events.map((event, i) => {
    const malformed = eventShapeError(event);
    if (malformed) throw ApplicationFailure.nonRetryable(`pastEvents[${i}].${malformed}`, 'InvalidIntake');
    return { event, field: `pastEvents[${i}].occurredAt` };
  });
}

/** A refused past event (or the intake's entry) refuses the opening, naming the event's field as the recordEvent Update would. */
function refusePast(item: ReplayedEvent, reason: string): never {
  const at = item.field?.replace(/\.occurredAt$/, '');
  throw ApplicationFailure.nonRetryable(at?.startsWith('pastEvents[') ? `${at}.${reason}` : reason, 'InvalidIntake');
}

function mustHave(s: CaseState | undefined): CaseState {
  if (!s) throw new Error('the case is still opening');
  return s;
}

function throwIf(reason: string | null): void {
  if (reason) throw invalid(reason);
}
