/** The case workflow's messages: shared by the workflow, the API and the tests. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Acknowledge, CaseEvent, CaseIntake, Escalation } from '../domain/case/events';
import type { CaseState, DeadlineStatus, TimelineEntry } from '../domain/case/state';
import type { Role } from '../domain/ladder/policy';
import type { StepSeries } from '../domain/ladder/ladder';

export const CASE_TASK_QUEUE = 'plazo-cases';
export const caseWorkflowId = (caseId: string) => `case-${caseId}`;

export interface CaseWorkflowInput {
  intake: CaseIntake;
  rulePack: string;
  /** Carried over by continue-as-new. */
  state?: CaseState;
  /** History length that triggers continue-as-new (tests lower it). */
  historyLimit?: number;
}

export interface UpcomingDeadline {
  deadlineId: string;
  ruleId: string;
  title: string;
  status: DeadlineStatus;
  due: string;
  dueLatest: string;
  dueInstant: string;
  citation: string;
  nextStep?: { id: string; series: StepSeries; at: string; recipients: Role[] };
}

export const recordEventUpdate = defineUpdate<CaseState, [CaseEvent]>('recordEvent');
export const acknowledgeUpdate = defineUpdate<CaseState, [Acknowledge]>('acknowledge');
export const escalateUpdate = defineUpdate<CaseState, [Escalation]>('escalate');
/** Fire-and-forget: a DOF closure or suspension was added; open deadlines are recomputed. */
export const overlaysChangedSignal = defineSignal<[{ overlayId?: string }]>('overlaysChanged');
export const stateQuery = defineQuery<CaseState>('state');
export const upcomingQuery = defineQuery<UpcomingDeadline[]>('upcoming');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
