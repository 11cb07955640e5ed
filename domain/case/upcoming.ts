/** What is next on a case: its live deadlines by due date, each with the next step that will go out. */
import type { Role } from '../ladder/policy';
import type { StepSeries } from '../ladder/ladder';
import type { CaseState, DeadlineState, DeadlineStatus } from './state';

export const LIVE_STATUSES: readonly DeadlineStatus[] = ['open', 'missed'];
/** Takes a status as the read model spells it too (a string), so every layer asks the same question. */
export const isLive = (d: { status: string }) => (LIVE_STATUSES as readonly string[]).includes(d.status);

export interface NextStep {
  id: string;
  series: StepSeries;
  at: string;
  recipients: Role[];
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
  nextStep?: NextStep;
}

/** The first step not yet sent (an acknowledgement stops a step for one person only; older ones silenced it). */
export function nextStepOf(d: DeadlineState): NextStep | undefined {
  const st = d.steps.find((x) => !d.done.includes(x.id) && !d.acks.some((a) => a.series === x.series && a.for === undefined && !a.withdrawn));
  return st && { id: st.id, series: st.series, at: new Date(st.at).toISOString(), recipients: st.recipients };
}

export function upcoming(s: CaseState): UpcomingDeadline[] {
  return s.deadlines
    .filter(isLive)
    .sort((a, b) => a.dueInstant.localeCompare(b.dueInstant))
    .map((d) => ({
      deadlineId: d.deadlineId,
      ruleId: d.ruleId,
      title: d.title,
      status: d.status,
      due: d.due,
      dueLatest: d.dueLatest,
      dueInstant: d.dueInstant,
      citation: d.citation,
      nextStep: nextStepOf(d),
    }));
}
