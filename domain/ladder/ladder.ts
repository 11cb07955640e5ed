/**
 * The reminder ladder of one deadline: every step with the instant it fires and who hears of it.
 * Pure: the caller passes the business calendar the deadline was counted on.
 */
import { DateTime } from 'luxon';
import type { BusinessCalendar } from '../calendar/types';
import type { Unit } from '../rules/rulePackSchema';
import { MX_ZONE } from '../time/instant';
import { addDays } from '../time/localDate';
import { type DayLadderPolicy, type HourLadderPolicy, type LadderPolicy, type Role } from './policy';

/**
 * A series is what an acknowledgement stops: "I'm on it" on a reminder stops the later reminders, never
 * the due-day notice, the supervisor's escalations or the director's above it.
 */
export const STEP_SERIES = ['reminder', 'alarm', 'due', 'overdue', 'director'] as const;
export type StepSeries = (typeof STEP_SERIES)[number];

export interface LadderStep {
  /** Stable within a deadline: 'reminder-5bd', 'due', 'overdue-2', 'director-4', 'alarm-3', 'reminder-12h'. */
  id: string;
  series: StepSeries;
  /** Epoch milliseconds. */
  at: number;
  recipients: Role[];
}

export interface Ladder {
  steps: LadderStep[];
  /** When an unmet deadline counts as missed; null for immediate alarms that have no term to miss. */
  missAt: number | null;
}

export interface LadderInput {
  unit: Unit;
  /** YYYY-MM-DD for day-counted rules, an ISO instant for hour rules (DeadlineComputation.due). */
  due: string;
  dueInstant: string;
  /** The instant the count started from; no step is placed before it. */
  triggerInstant: string;
  length: number;
  calendar: BusinessCalendar;
  policy: LadderPolicy;
}

const HOUR = 3600_000;
const SERIES_RANK: Record<StepSeries, number> = { reminder: 0, alarm: 1, due: 2, overdue: 3, director: 4 };

export function buildLadder(input: LadderInput): Ladder {
  const from = Date.parse(input.triggerInstant);
  const raw = input.policy.family === 'hours' ? hourSteps(input, input.policy) : daySteps(input, input.policy);
  const missAt = input.policy.family === 'hours' && input.length === 0 ? null : Date.parse(input.dueInstant);
  return { steps: mergeSameInstant(raw.filter((s) => s.at >= from)), missAt };
}

/**
 * The instant of a day's office hour in Mexico City, remembered: luxon resolving the zone was a third of
 * counting a case's deadlines, and a caseload's cases share their days. Bounded: cleared when it grows large.
 */
const officeHours = new Map<string, number>();
function officeHourMs(date: string, hour: number): number {
  const key = `${date}T${hour}`;
  let ms = officeHours.get(key);
  if (ms === undefined) {
    if (officeHours.size >= 20_000) officeHours.clear();
    ms = DateTime.fromISO(date, { zone: MX_ZONE }).set({ hour }).toMillis();
    officeHours.set(key, ms);
  }
  return ms;
}

function daySteps(input: LadderInput, p: DayLadderPolicy): LadderStep[] {
  const cal = input.calendar;
  const dueDate = input.due;
  const at = (date: string) => officeHourMs(date, p.officeHour);
  // Offices are closed on non-business days: a notice for such a day goes out the business day before.
  const officeDay = (date: string) => (cal.isBusinessDay(date) ? date : cal.addBusinessDays(date, -1));
  const steps: LadderStep[] = [];
  for (const n of p.remindBusinessDaysBefore) {
    steps.push({ id: `reminder-${n}bd`, series: 'reminder', at: at(cal.addBusinessDays(dueDate, -n)), recipients: p.reminderRecipients ?? ['caseworker'] });
  }
  for (const n of p.remindCalendarDaysBefore) {
    steps.push({ id: `reminder-${n}cd`, series: 'reminder', at: at(officeDay(addDays(dueDate, -n))), recipients: p.reminderRecipients ?? ['caseworker'] });
  }
  steps.push({ id: 'due', series: 'due', at: at(officeDay(dueDate)), recipients: p.dueRecipients });
  for (let k = 1; k <= p.overdueBusinessDays; k++) {
    const day = at(cal.addBusinessDays(dueDate, k));
    steps.push({ id: `overdue-${k}`, series: 'overdue', at: day, recipients: p.overdueRecipients });
    if (p.directorFromOverdueDay > 0 && k >= p.directorFromOverdueDay) {
      steps.push({ id: `director-${k}`, series: 'director', at: day, recipients: ['director'] });
    }
  }
  return steps;
}

function hourSteps(input: LadderInput, p: HourLadderPolicy): LadderStep[] {
  const start = Date.parse(input.triggerInstant);
  const due = Date.parse(input.dueInstant);
  const every = p.repeatEveryHours * HOUR;
  const steps: LadderStep[] = [];
  if (input.length === 0) {
    // "Immediately": the alarm itself repeats until the obligation is met.
    for (let k = 0; k <= p.overdueRepeats; k++) steps.push({ id: `alarm-${k}`, series: 'alarm', at: start + k * every, recipients: p.alarmRecipients });
    return steps;
  }
  if (p.alarmAtTrigger) {
    for (let k = 0; start + k * every < due; k++) steps.push({ id: `alarm-${k}`, series: 'alarm', at: start + k * every, recipients: p.alarmRecipients });
  }
  for (const h of p.remindHoursBefore) {
    steps.push({ id: `reminder-${h}h`, series: 'reminder', at: due - h * HOUR, recipients: p.reminderRecipients ?? p.dueRecipients });
  }
  steps.push({ id: 'due', series: 'due', at: due, recipients: p.dueRecipients });
  for (let k = 1; k <= p.overdueRepeats; k++) steps.push({ id: `overdue-${k}`, series: 'overdue', at: due + k * every, recipients: p.overdueRecipients });
  return steps;
}

/**
 * Two steps at the same instant would send the same person two messages: keep the higher step and give
 * it everyone either one had. Steps of different series that both escalate (overdue, director) stay apart
 * so that acknowledging one never silences the other.
 */
function mergeSameInstant(steps: LadderStep[]): LadderStep[] {
  const sorted = [...steps].sort((a, b) => a.at - b.at || SERIES_RANK[a.series] - SERIES_RANK[b.series]);
  const out: LadderStep[] = [];
  for (const step of sorted) {
    const clash = out.find((o) => o.at === step.at && isNotice(o.series) && isNotice(step.series));
    if (!clash) {
      out.push({ ...step, recipients: [...step.recipients] });
      continue;
    }
    const keep = SERIES_RANK[step.series] > SERIES_RANK[clash.series] ? step : clash;
    const recipients = [...new Set([...clash.recipients, ...step.recipients])];
    Object.assign(clash, { id: keep.id, series: keep.series, recipients });
  }
  return out;
}

const isNotice = (s: StepSeries) => s === 'reminder' || s === 'due' || s === 'alarm';
