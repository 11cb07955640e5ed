/**
 * Who is told what, and when, for each deadline (DESIGN.md §4). Defaults by unit, overridable per rule
 * (here) and per organization (passed in by the caller).
 */
import type { Cadence, Recipients, Unit } from '../rules/rulePackSchema';

export const ROLES = ['caseworker', 'supervisor', 'lawyer', 'director'] as const;
export type Role = (typeof ROLES)[number];

/** Ladders for terms counted in days, months or years; steps go out at `officeHour` on business days. */
export interface DayLadderPolicy {
  family: 'days';
  officeHour: number;
  /** Who gets the reminders (the caseworker unless the rule pack says otherwise). */
  reminderRecipients?: Role[];
  /** Caseworker reminders, n business days before the due day. */
  remindBusinessDaysBefore: number[];
  /** Caseworker reminders, n calendar days before the due day (moved back to a business day). */
  remindCalendarDaysBefore: number[];
  dueRecipients: Role[];
  /** Business days after the due day on which the supervisor (and later the director) is told. */
  overdueBusinessDays: number;
  overdueRecipients: Role[];
  /** From this overdue business day on, the director is told too (0: never). */
  directorFromOverdueDay: number;
}

/** Ladders for terms counted in hours: they fire at any hour, on the clock. */
export interface HourLadderPolicy {
  family: 'hours';
  /** An alarm at the trigger instant, repeated every `repeatEveryHours` until the due instant. */
  alarmAtTrigger: boolean;
  alarmRecipients: Role[];
  remindHoursBefore: number[];
  /** Who gets the reminders before the due instant (the due step's recipients unless the rule pack says otherwise). */
  reminderRecipients?: Role[];
  dueRecipients: Role[];
  repeatEveryHours: number;
  /** Repeats after the due instant (every `repeatEveryHours`), until the deadline is resolved. */
  overdueRepeats: number;
  overdueRecipients: Role[];
}

export type LadderPolicy = DayLadderPolicy | HourLadderPolicy;

const ALL: Role[] = ['caseworker', 'supervisor', 'lawyer'];

/** A day-counted legal deadline: 10, 5, 2, 1 business days before; everyone on the day; then escalate. */
export const DEFAULT_DAY_POLICY: DayLadderPolicy = {
  family: 'days',
  officeHour: 9,
  remindBusinessDaysBefore: [10, 5, 2, 1],
  remindCalendarDaysBefore: [],
  dueRecipients: ALL,
  overdueBusinessDays: 20,
  overdueRecipients: ['supervisor'],
  // "the program director after 3": after three business days of the supervisor's escalations.
  directorFromOverdueDay: 4,
};

export const DEFAULT_HOUR_POLICY: HourLadderPolicy = {
  family: 'hours',
  alarmAtTrigger: true,
  alarmRecipients: ALL,
  remindHoursBefore: [],
  dueRecipients: ALL,
  repeatEveryHours: 4,
  overdueRepeats: 42, // a week of four-hourly alarms
  overdueRecipients: ['supervisor', 'lawyer', 'director'],
};

const BY_UNIT: Record<Unit, LadderPolicy> = {
  business_days: DEFAULT_DAY_POLICY,
  calendar_days: DEFAULT_DAY_POLICY,
  // The 18th birthday: plan the hand-over 90 and 30 days ahead; nothing to escalate after it.
  years: { ...DEFAULT_DAY_POLICY, remindBusinessDaysBefore: [], remindCalendarDaysBefore: [90, 30], overdueBusinessDays: 0, directorFromOverdueDay: 0 },
  // A missed weekly signature can count as abandonment: the lawyer hears the next business day.
  recurring_days: {
    ...DEFAULT_DAY_POLICY,
    remindBusinessDaysBefore: [1],
    dueRecipients: ['caseworker'],
    overdueBusinessDays: 3,
    overdueRecipients: ['supervisor', 'lawyer'],
    directorFromOverdueDay: 0,
  },
  hours: DEFAULT_HOUR_POLICY,
};

/** Per-rule ladders where the default by unit does not fit. */
export const RULE_POLICIES: Record<string, Partial<LadderPolicy>> = {
  // Detention itself raises the alarm through child_detention_notice; the 36-hour limit warns ahead.
  detention_36h: { family: 'hours', alarmAtTrigger: false, remindHoursBefore: [12, 4], dueRecipients: ['caseworker', 'supervisor', 'lawyer', 'director'] },
  urgent_measures_court: { family: 'hours', remindHoursBefore: [4] },
  // COMAR's duty, watched by the caseworker and lawyer: a reminder a day ahead, then a day of repeats.
  comar_notice_to_inm: {
    family: 'hours',
    alarmAtTrigger: false,
    remindHoursBefore: [24],
    dueRecipients: ['caseworker', 'lawyer'],
    overdueRepeats: 6,
    overdueRecipients: ['supervisor', 'lawyer'],
  },
  // Owed at once, but not a child held: daily, not four-hourly.
  tvrh_for_child: { family: 'hours', repeatEveryHours: 24, alarmRecipients: ['caseworker', 'lawyer'], overdueRepeats: 14, overdueRecipients: ['supervisor', 'lawyer'] },
};

/**
 * An authority's duty (rule `cadence`, mx-2027.3): no reminder before its term ends, then once a day while
 * unmet — the next business days at the office hour, or every 24 hours — never the director.
 */
function cadencePolicy(unit: Unit, c: Cadence): Partial<DayLadderPolicy> | Partial<HourLadderPolicy> {
  if (BY_UNIT[unit].family === 'hours') return { alarmAtTrigger: false, remindHoursBefore: [], repeatEveryHours: 24, overdueRepeats: c.overdueDaily };
  return { remindBusinessDaysBefore: [], remindCalendarDaysBefore: [], overdueBusinessDays: c.overdueDaily, directorFromOverdueDay: 0 };
}

/**
 * The ladder for a rule: unit default, then the rule's own, then who the rule pack says is told at each
 * step (packs from mx-2027.2) and how often an authority's duty is told (mx-2027.3), then the organization's override.
 */
export function ladderPolicyFor(
  ruleId: string,
  unit: Unit,
  orgOverrides: Record<string, Partial<LadderPolicy>> = {},
  recipients: Recipients = {},
  cadence?: Cadence,
): LadderPolicy {
  const base = BY_UNIT[unit];
  const fromPack = {
    ...(recipients.reminder ? { reminderRecipients: recipients.reminder } : {}),
    ...(recipients.alarm ? { alarmRecipients: recipients.alarm } : {}),
    ...(recipients.due ? { dueRecipients: recipients.due } : {}),
    ...(recipients.overdue ? { overdueRecipients: recipients.overdue } : {}),
    ...(cadence ? cadencePolicy(unit, cadence) : {}),
  };
  return { ...base, ...RULE_POLICIES[ruleId], ...fromPack, ...orgOverrides[ruleId], family: base.family } as LadderPolicy;
}

/** Who is told at each series the rule's ladder has (what `plazo rules` and the constancia show). */
export function recipientsOf(ruleId: string, unit: Unit, length: number, recipients: Recipients = {}, cadence?: Cadence): Recipients & { director?: Role[] } {
  const p = ladderPolicyFor(ruleId, unit, {}, recipients, cadence);
  if (p.family === 'hours') {
    // An immediate alarm is all alarm: it repeats until the obligation is met.
    if (length === 0) return { alarm: p.alarmRecipients };
    return {
      ...(p.alarmAtTrigger ? { alarm: p.alarmRecipients } : {}),
      ...(p.remindHoursBefore.length ? { reminder: p.reminderRecipients ?? p.dueRecipients } : {}),
      due: p.dueRecipients,
      ...(p.overdueRepeats > 0 ? { overdue: p.overdueRecipients } : {}),
    };
  }
  return {
    ...(p.remindBusinessDaysBefore.length || p.remindCalendarDaysBefore.length ? { reminder: p.reminderRecipients ?? ['caseworker'] } : {}),
    due: p.dueRecipients,
    ...(p.overdueBusinessDays > 0 ? { overdue: p.overdueRecipients } : {}),
    ...(p.overdueBusinessDays > 0 && p.directorFromOverdueDay > 0 ? { director: ['director'] } : {}),
  };
}
