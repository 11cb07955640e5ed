/**
 * The case's Updates as a table, one row each: the message, why it is refused, and what it does. The
 * workflow wires every row the same way (caseWorkflow.ts): `reject` runs in the validator when the Update
 * arrives and again when its turn comes (an Update before it may have changed the case meanwhile);
 * `apply` computes first (activities included) and hands `commit` the change, which is made to the case
 * as it is by then, whole, and only then. A failure before that leaves the case as it was.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { ApplicationFailure, patched } from '@temporalio/workflow';
import { acknowledge, rejectAck, rejectWithdrawal, withdrawAck } from '../domain/case/acknowledgements';
import { correctedEvents, mergeCorrection, rejectCorrection } from '../domain/case/corrections';
import { breachEscalations, escalate, ESCALATION_RECIPIENTS, rejectEscalation } from '../domain/case/escalation';
import type { CaseIntake } from '../domain/case/events';
import { eventShapeError } from '../domain/case/eventTypes';
import { eventFactError } from '../domain/case/factChecks';
import { reassignmentNotice } from '../domain/case/reassignment';
import { applyEvent, planEvent } from '../domain/case/recordEvent';
import { replay, type ReplayedEvent } from '../domain/case/replay';
import type { CaseState } from '../domain/case/state';
import { rejectEvent, type MexicoTime } from '../domain/case/transitions';
import { loadPackMove, type Compute } from './caseCounting';
import type { DeliveryRequest } from './caseDeliveries';
import { acknowledgeUpdate, correctEventUpdate, decidePackChangeUpdate, escalateUpdate, moveRulePackUpdate, recordEventUpdate, withdrawAckUpdate, type UpdateAnswer } from './caseDefinitions';
import { decidePackChange, moveToPack, packChanges, rebuildUnderPack, rejectPackDecision, rejectPackMove } from '../domain/case/packMove';

/** The case after an Update, and the messages it sends. */
export interface Change {
  state: CaseState;
  deliveries?: DeliveryRequest[];
}
/** Makes the change to the case as it is now; answers the case after it. */
export type Commit = (change: (current: CaseState) => Change) => CaseState;

export interface UpdateRow<A> {
  update: UpdateDefinition<UpdateAnswer, [A]>;
  /** Why it is refused whatever the case is (its shape), as 'field: reason', or null: checked when it arrives. */
  malformed?: (arg: A) => string | null;
  /** Why the case refuses it, as 'field: reason', or null. */
  reject: (s: CaseState, arg: A, now: number) => string | null;
  apply: (s: CaseState, arg: A, commit: Commit) => CaseState | Promise<CaseState>;
}

/** A row whose argument type the table keeps: the caller says what to do with it. */
export type Row = (use: <A>(row: UpdateRow<A>) => void) => void;
const row =
  <A>(r: UpdateRow<A>): Row =>
  (use) =>
    use(r);

export interface UpdateDeps {
  intake: CaseIntake;
  /** Counts deadlines; a date it cannot count from fails the Update as InvalidEvent. */
  compute: Compute;
  /** The rules of runs recorded before acknowledgements were per person. */
  legacyAcks: boolean;
  /** Days on Mexico City's clock: the IANA zone, or the fixed UTC−6 runs recorded before it read them at. */
  time: MexicoTime;
  /** Refuse facts that cannot be true (factChecks.ts); false in runs recorded before that check. */
  checkFacts: boolean;
}

export function caseUpdates({ intake, compute, legacyAcks, time, checkFacts }: UpdateDeps): Row[] {
  return [
    row({
      update: recordEventUpdate,
      malformed: eventShapeError,
      reject: (s, event, now) => rejectEvent(s, event, now, time) ?? (checkFacts ? eventFactError(s, event, time) : null),
      async apply(s, event, commit) {
        const receivedAt = Date.now();
        const plan = planEvent(s, event, time);
        const computed = await compute(s, plan.effects.open, 'occurredAt');
        // The clock may have sent steps meanwhile: the plan applies to the case as it is now.
        return commit((current) => {
          const now = Date.now();
          const state = applyEvent(current, plan, computed, { receivedAt, now });
          // A breach (only packs from mx-2027.2 have one, so older histories never see it) is escalated at once.
          const breaches: DeliveryRequest[] = breachEscalations(state, plan.effects.breach).map((b) => ({ ...b, kind: 'escalation', stepAt: now, breach: true }));
          // The case tells the people of a reassignment itself (the API did, after the Update, and lost it if it died then).
          const notice = reassignmentNotice(current, state, event);
          if (!notice || !patched('reassignment-notice-in-case')) return breaches.length ? { state, deliveries: breaches } : { state };
          const { idempotencyBase, role, from, to, by, reason } = notice;
          return { state, deliveries: [...breaches, { idempotencyBase, kind: 'reassigned', recipients: [], by, reason, reassignment: { role, from, to } }] };
        });
      },
    }),
    row({
      update: acknowledgeUpdate,
      reject: (s, ack, now) => rejectAck(s, ack, now, legacyAcks),
      // The same case when that person already acknowledged.
      apply: (_, ack, commit) => commit((current) => ({ state: acknowledge(current, ack, Date.now(), legacyAcks) })),
    }),
    row({
      update: correctEventUpdate,
      reject: rejectCorrection,
      async apply(s, c, commit) {
        // The whole case is replayed with the correction first; only if every event still stands does anything change.
        const refuse = ({ seq, event }: ReplayedEvent, reason: string): never => {
          throw invalid(`event: with the correction, #${seq} ${event.type} (${event.occurredAt}) no longer stands: ${reason}`);
        };
        const rebuilt = await replay(intake, s, correctedEvents(s, c), { compute, now: () => Date.now(), refuse, time, checkFacts });
        return commit((current) => ({ state: mergeCorrection(current, rebuilt, c, Date.now()) }));
      },
    }),
    row({
      update: withdrawAckUpdate,
      reject: rejectWithdrawal,
      apply: (_, w, commit) => commit((current) => ({ state: withdrawAck(current, w, Date.now()) })),
    }),
    row({
      update: escalateUpdate,
      reject: rejectEscalation,
      apply: (_, esc, commit) =>
        commit((current) => {
          const stepAt = Date.now();
          const { state, idempotencyBase } = escalate(current, esc, stepAt);
          return { state, deliveries: [{ idempotencyBase, kind: 'escalation', stepAt, recipients: ESCALATION_RECIPIENTS, reason: esc.reason, by: esc.by, deadlineId: esc.deadlineId }] };
        }),
    }),
    row({
      update: moveRulePackUpdate,
      reject: rejectPackMove,
      async apply(s, m, commit) {
        // Marks the runs that moved packs, so a later change of this path can keep them replaying.
        patched('rule-pack-move');
        const pack = await loadPackMove({ from: s.rulePack, to: m.to });
        const rebuilt = await rebuildUnderPack(intake, s, { rulePack: m.to, rules: pack.rules }, { compute, now: () => Date.now(), time });
        return commit((current) => {
          const { state, announce } = moveToPack(current, rebuilt, packChanges(current, rebuilt, pack.reasons), m.by, Date.now());
          const deliveries: DeliveryRequest[] = announce.map((c) => ({
            idempotencyBase: `${state.caseId}/${c.deadlineId}/${c.after!.dueInstant}/pack-${m.to}`,
            kind: 'rule_pack_moved',
            recipients: PACK_MOVE_RECIPIENTS,
            reason: `${c.reason}${c.before ? ` (was due ${c.before.due})` : ''}`,
            deadlineId: c.deadlineId,
          }));
          return { state, deliveries };
        });
      },
    }),
    row({
      update: decidePackChangeUpdate,
      reject: rejectPackDecision,
      apply: (_, dec, commit) => commit((current) => ({ state: decidePackChange(current, dec, Date.now()) })),
    }),
  ];
}

/** Who hears of a date moved earlier or a deadline added by a new pack: the case's people. */
const PACK_MOVE_RECIPIENTS: DeliveryRequest['recipients'] = ['caseworker', 'supervisor', 'lawyer'];

export function invalid(reason: string): ApplicationFailure {
  return ApplicationFailure.create({ message: reason, type: 'InvalidEvent', nonRetryable: true });
}
