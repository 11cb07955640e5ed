/**
 * What the delivery activity is given for a message of the case as it is now: the case's clock
 * (workflows/caseDeliveries.ts) and the dispatcher's outbox (activities/readModel.ts) build it here, once.
 */
import type { DeliveryInput } from '../../activities/deliveries';
import type { CaseState, DeadlineState } from './state';
import type { StepDelivery } from './steps';

/** A message of the case; the deadline it is about is read from the case when it goes out. */
export type DeliveryRequest = Pick<DeliveryInput, 'idempotencyBase' | 'kind' | 'recipients' | 'stepId' | 'stepAt' | 'reason' | 'breach' | 'by' | 'except' | 'reassignment' | 'moved'> & {
  deadlineId?: string;
};

/** The activity's input for `m` on the case `s`, the time left counted as of `firedAt`. */
export function deliveryInputOf(s: CaseState, m: DeliveryRequest | StepDelivery, firedAt: number): DeliveryInput {
  const { deadlineId, ...message } = m;
  const d = deadlineId ? s.deadlines.find((x) => x.deadlineId === deadlineId) : undefined;
  return { ...message, caseId: s.caseId, office: s.office, assignments: { ...s.assignments }, firedAt, deadline: d && messageDeadline(d), ...(s.stepsBy === 'dispatcher' ? { dispatched: true as const } : {}) };
}

/** What a message says about a deadline. */
export function messageDeadline(d: DeadlineState): NonNullable<DeliveryInput['deadline']> {
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

type AssignedRole = Exclude<DeliveryInput['recipients'][number], 'director'>;

/**
 * The people a step the dispatcher sends reaches, each once, in the order of its roles, those who acknowledged
 * left out (as the delivery activity's peopleOf does from the users' rows); null for a step to the directors,
 * who are many and known only when it goes out.
 */
export function assignedPeopleOf(input: Pick<DeliveryInput, 'recipients' | 'assignments' | 'except'>): { role: AssignedRole; userId: string }[] | null {
  if (input.recipients.includes('director')) return null;
  const people: { role: AssignedRole; userId: string }[] = [];
  for (const r of input.recipients) {
    const role = r as AssignedRole;
    const userId = input.assignments[role];
    if (input.except?.includes(userId) || people.some((p) => p.userId === userId)) continue;
    people.push({ role, userId });
  }
  return people;
}

/** A message's key in the ledger: the step's base and the person it is for, as the role they receive it by. */
export const ledgerKey = (idempotencyBase: string, role: string, userId: string) => `${idempotencyBase}/${role}:${userId}`;
