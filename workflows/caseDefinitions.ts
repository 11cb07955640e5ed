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

export const recordEventUpdate = defineUpdate<CaseState, [CaseEvent]>('recordEvent');
export const acknowledgeUpdate = defineUpdate<CaseState, [Acknowledge]>('acknowledge');
/** Correct (same type, other date or details) or void a recorded event, with a reason: the case is recounted. */
export const correctEventUpdate = defineUpdate<CaseState, [Correction]>('correctEvent');
export const withdrawAckUpdate = defineUpdate<CaseState, [WithdrawAck]>('withdrawAcknowledgement');
export const escalateUpdate = defineUpdate<CaseState, [Escalation]>('escalate');
/** Move the case to another rule pack (domain/case/packMove.ts): idempotent, later dates wait for a person. */
export const moveRulePackUpdate = defineUpdate<CaseState, [PackMove]>('moveRulePack');
/** Accept or refuse a rule-pack change waiting on a deadline. */
export const decidePackChangeUpdate = defineUpdate<CaseState, [PackDecision]>('decidePackChange');
/** Fire-and-forget: a DOF closure or suspension was added; open deadlines are recomputed. */
export const overlaysChangedSignal = defineSignal<[{ overlayId?: string }]>('overlaysChanged');
export const stateQuery = defineQuery<CaseState>('state');
export const upcomingQuery = defineQuery<UpcomingDeadline[]>('upcoming');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
