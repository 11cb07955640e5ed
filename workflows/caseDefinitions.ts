/** The case workflow's messages: shared by the workflow, the API and the tests. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Acknowledge, CaseEvent, CaseIntake, Correction, Escalation, PackDecision, PackMove, WithdrawAck } from '../domain/case/events';
import type { CaseState, TimelineEntry } from '../domain/case/state';

export const CASE_TASK_QUEUE = 'plazo-cases';
export const caseWorkflowId = (caseId: string) => `case-${caseId}`;

export interface CaseWorkflowInput {
  intake: CaseIntake;
  rulePack: string;
  /**
   * What happened before the case was in Plazo (an import), in the order it happened: recorded at the
   * opening, each checked as the recordEvent Update checks it; one refused opens nothing.
   */
  pastEvents?: CaseEvent[];
  /** Carried over by continue-as-new. */
  state?: CaseState;
  /** History length that triggers continue-as-new (tests lower it). */
  historyLimit?: number;
  /** The server has Plazo's search attributes registered: keep them current (workflows/searchAttributes.ts). */
  searchAttributes?: boolean;
  /**
   * The import that opens the case (app/import/importRuns.ts): its one summary per person covers the
   * case, which sends none of its own. Histories recorded before lack it and replay as they ran.
   */
  importRun?: string;
}

export type { UpcomingDeadline } from '../domain/case/upcoming';
import type { UpcomingDeadline } from '../domain/case/upcoming';

/**
 * What an Update answers: since `patched('update-answers-receipt')` the case and the event counter it
 * reached, not the whole case (which went into history with every Update, half a case's history); the
 * caller reads the read model, or asks the workflow (stateQuery) when the projection is late. Runs recorded
 * before answered the whole state and still do.
 */
export interface CaseReceipt {
  caseId: string;
  seq: number;
}
export type UpdateAnswer = CaseState | CaseReceipt;
/** The whole state an Update answered, if its run answers the state (runs from before the receipt). */
export const answeredState = (a: UpdateAnswer): CaseState | undefined => ('deadlines' in a ? a : undefined);

export const recordEventUpdate = defineUpdate<UpdateAnswer, [CaseEvent]>('recordEvent');
export const acknowledgeUpdate = defineUpdate<UpdateAnswer, [Acknowledge]>('acknowledge');
/** Correct (same type, other date or details) or void a recorded event, with a reason: the case is recounted. */
export const correctEventUpdate = defineUpdate<UpdateAnswer, [Correction]>('correctEvent');
export const withdrawAckUpdate = defineUpdate<UpdateAnswer, [WithdrawAck]>('withdrawAcknowledgement');
export const escalateUpdate = defineUpdate<UpdateAnswer, [Escalation]>('escalate');
/** Move the case to another rule pack (domain/case/packMove.ts): idempotent, later dates wait for a person. */
export const moveRulePackUpdate = defineUpdate<UpdateAnswer, [PackMove]>('moveRulePack');
/** Accept or refuse a rule-pack change waiting on a deadline. */
export const decidePackChangeUpdate = defineUpdate<UpdateAnswer, [PackDecision]>('decidePackChange');
/** Fire-and-forget: a DOF closure or suspension was added; open deadlines are recomputed. */
export const overlaysChangedSignal = defineSignal<[{ overlayId?: string }]>('overlaysChanged');
/**
 * Look at your due steps now: the dispatcher could not send one (its round, or the engine reconciler finding one
 * overdue). No payload: a copied signal only wakes the case, which sends what is due and not in the ledger.
 */
export const stepsLeftSignal = defineSignal('stepsLeftToCase');
export const stateQuery = defineQuery<CaseState>('state');
export const upcomingQuery = defineQuery<UpcomingDeadline[]>('upcoming');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
