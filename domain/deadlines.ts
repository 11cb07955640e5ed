/**
 * Deadline computation: rule + trigger (+ overlays) → due date, with every skipped day and why.
 *
 * Counting (DESIGN.md §3): day 1 is the first business day after the trigger day; a business-day term
 * ends at the end of its last day in Mexico City; hours run on the clock every day; a term in years
 * ends on the same date, rolled to the next business day (LFPA art. 29). Day-counted terms are counted
 * under every reading (see calendar/readings.ts); `due` is the earliest, `dueLatest` the latest.
 */
import { DateTime } from 'luxon';
import { buildReadingCalendars, type ReadingCalendar } from './calendar/readings';
import { CALENDAR_IDS, type BusinessCalendar, type CalendarId, type TransmissionReading } from './calendar/types';
import { DomainInputError } from './errors';
import { overlayApplies, type Overlay } from './overlays';
import { getRule, RULE_PACK } from './rules/rulePack';
import type { Rule, RulePack, Unit } from './rules/rulePackSchema';
import { endOfDayInstant, instantOf, MX_ZONE, parseTrigger, type Trigger } from './time/instant';
import { addDays, assertSupportedYear, eachDay, isLeapYear, makeDate, yearOf } from './time/localDate';

export interface DeadlineInput {
  ruleId: string;
  /** 'YYYY-MM-DD' or an ISO instant (read in Mexico City time when it has no offset). */
  trigger: string;
  /** Primary calendar; defaults to the rule's. */
  calendar?: CalendarId;
  overlays?: readonly Overlay[];
  pack?: RulePack;
  /** The case's office, for office-specific overlays. */
  office?: string;
  /** An organization's program targets: rule id → length (program targets only). */
  targets?: Record<string, number>;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface ReadingResult {
  id: string;
  label: string;
  calendar: CalendarId;
  transmission: TransmissionReading;
  due: string;
  dueInstant: string;
  skipped: SkippedDay[];
}

export interface DeadlineComputation {
  rule: string;
  rulePack: string;
  /** The trigger as understood: a date, or an instant in Mexico City time. */
  trigger: string;
  /** Mexico City date of the trigger: day 0 of the count. */
  triggerDate: string;
  calendar: CalendarId;
  unit: Unit;
  length: number;
  /** Recurring rules: which occurrence (1 = the next one). */
  occurrence?: number;
  /** YYYY-MM-DD for day-counted rules; an ISO instant (Mexico City offset) for hour rules. */
  due: string;
  dueLatest: string;
  /** UTC instant the deadline expires (end of the due day in Mexico City for day rules). */
  dueInstant: string;
  dueLatestInstant: string;
  /** e.g. 'LRPCAP art. 18' */
  citation: string;
  kind: 'law' | 'program_target';
  agency: string;
  meaning: string;
  /** Days passed over by the reading that gave `due`, each with its reason. */
  skipped: SkippedDay[];
  /** Why due and dueLatest differ (absent when they agree). */
  reason?: string;
  /** Reading ids that gave `due` and `dueLatest`. */
  dueReading: string;
  dueLatestReading: string;
  readings: ReadingResult[];
  /** Ids of overlays that fell inside the count. */
  overlaysApplied: string[];
  notes: string[];
}

const MAX_TARGET_DAYS = 3650;

export function computeDeadline(input: DeadlineInput): DeadlineComputation {
  return compute(input, undefined);
}

/** The k-th occurrence (k ≥ 1) of a recurring rule such as weekly_signature: trigger + k × N days, rolled. */
export function recurringOccurrence(input: DeadlineInput, k: number): DeadlineComputation {
  if (!Number.isInteger(k) || k < 1) throw new DomainInputError('occurrence', `expected a whole number ≥ 1, got ${k}`);
  return compute(input, k);
}

function compute(input: DeadlineInput, occurrence: number | undefined): DeadlineComputation {
  const pack = input.pack ?? RULE_PACK;
  const rule = getRule(input.ruleId, pack);
  const calendar = input.calendar ?? rule.calendar;
  if (!(CALENDAR_IDS as readonly string[]).includes(calendar)) {
    throw new DomainInputError('calendar', `unknown calendar '${calendar}' (expected ${CALENDAR_IDS.join(' or ')})`);
  }
  if (occurrence !== undefined && rule.unit !== 'recurring_days') {
    throw new DomainInputError('occurrence', `rule ${rule.id} is not recurring`);
  }
  const trigger = parseTrigger(input.trigger, 'trigger');
  const length = lengthOf(rule, pack, input.targets);
  if (rule.unit !== 'hours') {
    // A birth date may be older than the calendars; the year the term ends in may not.
    assertSupportedYear(yearOf(trigger.date) + (rule.unit === 'years' ? length : 0), 'trigger');
  }

  const base = {
    rule: rule.id,
    rulePack: pack.version,
    trigger: trigger.kind === 'date' ? trigger.date : trigger.iso,
    triggerDate: trigger.date,
    calendar,
    unit: rule.unit,
    length,
    citation: rule.citation.text,
    kind: rule.kind,
    agency: rule.agency,
    meaning: rule.meaning,
  };

  if (rule.unit === 'hours') return { ...base, ...countHours(trigger, length, calendar) };

  const k = rule.unit === 'recurring_days' ? (occurrence ?? 1) : undefined;
  const ctx = { overlays: input.overlays, agency: rule.agency, office: input.office, ruleId: rule.id };
  const notes: string[] = [];
  const cals = buildReadingCalendars(calendar, ctx);
  const counted = cals.map((r) => countInRange(() => countDays(r, rule.unit, length, trigger.date, k, notes)));
  const readings = counted.map((c) => c.result);

  const earliest = readings.reduce((a, b) => (b.due < a.due ? b : a));
  const latest = readings.reduce((a, b) => (b.due > a.due ? b : a));
  // The days that decided the outcome: the whole count for day terms, only the roll for years and
  // recurring dates (whose nominal date is fixed whatever the calendar).
  const spanFrom = counted.reduce((a, c) => (c.spanFrom < a ? c.spanFrom : a), counted[0]!.spanFrom);
  const applied = [...new Map((input.overlays ?? []).map((o) => [o.id, o] as const)).values()].filter(
    (o) => overlayApplies(o, ctx) && o.start <= latest.due && o.end >= spanFrom,
  );
  if (rule.unit === 'years' && applied.some((o) => o.kind === 'suspension')) {
    notes.push('Suspensions do not stop a period in years (a birthday is a fact); they only move its last day.');
  }

  return {
    ...base,
    ...(k !== undefined ? { occurrence: k } : {}),
    due: earliest.due,
    dueLatest: latest.due,
    dueInstant: earliest.dueInstant,
    dueLatestInstant: latest.dueInstant,
    skipped: earliest.skipped,
    ...(earliest.due !== latest.due
      ? { reason: disagreement(readings, earliest, latest, cals, spanFrom) }
      : {}),
    dueReading: earliest.id,
    dueLatestReading: latest.id,
    readings,
    overlaysApplied: applied.map((o) => o.id),
    notes: [...new Set(notes)],
  };
}

/** A count that runs past the calendars' last year is the trigger's fault, not an internal error. */
function countInRange<T>(count: () => T): T {
  try {
    return count();
  } catch (e) {
    if (e instanceof DomainInputError && e.field === 'date') throw new DomainInputError('trigger', `the count ${e.message}`);
    throw e;
  }
}

function lengthOf(rule: Rule, pack: RulePack, targets: Record<string, number> | undefined): number {
  for (const [id, value] of Object.entries(targets ?? {})) {
    const target = pack.rules.find((r) => r.id === id);
    if (target && !target.configurable) {
      throw new DomainInputError(`targets.${id}`, `${id} is a legal term (${target.citation.text}) and cannot be changed`);
    }
    if (!Number.isInteger(value) || value < 1 || value > MAX_TARGET_DAYS) {
      throw new DomainInputError(`targets.${id}`, `expected a whole number of days from 1 to ${MAX_TARGET_DAYS}, got ${value}`);
    }
  }
  return (rule.configurable ? targets?.[rule.id] : undefined) ?? rule.length;
}

/** Hours run on the clock, every day (no calendar, no overlays): trigger instant + N hours. */
function countHours(trigger: Trigger, hours: number, calendar: CalendarId) {
  const start = instantOf(trigger);
  const end = start.plus({ hours });
  const due = end.setZone(MX_ZONE).toISO({ suppressMilliseconds: true })!;
  const dueInstant = end.toUTC().toISO()!;
  const notes = ['Counted in hours on the clock: every day counts, and closures or suspensions do not stop it.'];
  if (trigger.kind === 'date') notes.push('The trigger has no time of day: counted from 00:00 Mexico City time, the earliest reading.');
  const reading: ReadingResult = {
    id: 'clock',
    label: 'hours on the clock',
    calendar,
    transmission: 'as-written',
    due,
    dueInstant,
    skipped: [],
  };
  return {
    due,
    dueLatest: due,
    dueInstant,
    dueLatestInstant: dueInstant,
    skipped: [],
    dueReading: reading.id,
    dueLatestReading: reading.id,
    readings: [reading],
    overlaysApplied: [],
    notes,
  };
}

function countDays(
  r: ReadingCalendar,
  unit: Unit,
  length: number,
  triggerDate: string,
  occurrence: number | undefined,
  notes: string[],
): { result: ReadingResult; spanFrom: string } {
  const skipped: SkippedDay[] = [];
  let spanFrom = addDays(triggerDate, 1);
  const skip = (date: string) => skipped.push({ date, reason: r.cal.nonBusinessReason(date) ?? 'not a business day' });
  let due: string;
  switch (unit) {
    case 'business_days': {
      due = r.cal.addBusinessDays(triggerDate, length);
      for (const d of eachDay(addDays(triggerDate, 1), due)) if (!r.cal.isBusinessDay(d)) skip(d);
      break;
    }
    case 'calendar_days': {
      // Every day counts except suspended ones (a suspension stops the clock); then roll (LFPA art. 29).
      let d = triggerDate;
      for (let counted = 0; counted < length; ) {
        d = addDays(d, 1);
        if (r.cal.isSuspended(d)) skip(d);
        else counted++;
      }
      due = rollWithSkips(r.cal, d, skip);
      break;
    }
    case 'years': {
      spanFrom = sameDateYearsLater(triggerDate, length, notes);
      due = rollWithSkips(r.cal, spanFrom, skip);
      break;
    }
    case 'recurring_days': {
      // Occurrence k is anchored on the trigger, so a rolled occurrence never shifts the next ones.
      spanFrom = addDays(triggerDate, length * (occurrence ?? 1));
      due = rollWithSkips(r.cal, spanFrom, skip);
      break;
    }
    default:
      throw new DomainInputError('unit', `unit ${unit} is not counted in days`);
  }
  const result = {
    id: r.id,
    label: r.cal.label,
    calendar: r.calendar,
    transmission: r.transmission,
    due,
    dueInstant: endOfDayInstant(due),
    skipped,
  };
  return { result, spanFrom };
}

function rollWithSkips(cal: BusinessCalendar, date: string, skip: (d: string) => void): string {
  const due = cal.rollForward(date);
  for (let d = date; d < due; d = addDays(d, 1)) skip(d);
  return due;
}

/**
 * LFPA art. 29: a term in years ends on the same day of the same month; "cuando no exista el mismo
 * número de días en el mes de calendario correspondiente, el término será el primer día hábil del
 * siguiente mes" — so 29 Feb becomes 1 Mar (then rolled) in a common year.
 */
function sameDateYearsLater(date: string, years: number, notes: string[]): string {
  const year = yearOf(date) + years;
  const [month, day] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    notes.push(`${year} has no 29 Feb: the term ends on the first business day of March (LFPA art. 29).`);
    return makeDate(year, 3, 1);
  }
  return makeDate(year, month, day);
}

/** One paragraph a lawyer can check: each reading's date and each day the readings treat differently. */
function disagreement(
  results: ReadingResult[],
  earliest: ReadingResult,
  latest: ReadingResult,
  cals: ReadingCalendar[],
  spanFrom: string,
): string {
  const dates = results.map((r) => `${r.label} → ${r.due}`).join('; ');
  const differing: string[] = [];
  for (const d of eachDay(spanFrom, latest.due)) {
    const open = cals.filter((c) => c.cal.isBusinessDay(d));
    if (open.length === 0 || open.length === cals.length) continue;
    // Group the readings that close the day by their reason, so LFPA's two readings read as one.
    const byReason = new Map<string, string[]>();
    for (const c of cals.filter((c) => !c.cal.isBusinessDay(d))) {
      const why = c.cal.nonBusinessReason(d) ?? 'not a business day';
      byReason.set(why, [...(byReason.get(why) ?? []), c.cal.label]);
    }
    const closed = [...byReason].map(([why, labels]) => `${why} under ${labels.join(' and ')}`).join('; ');
    differing.push(`${d}: ${closed}; a business day under ${open.map((c) => c.cal.label).join(' and ')}`);
  }
  return (
    `The readings disagree (${dates}). Days they treat differently: ${differing.join('. ')}. ` +
    `Plazo acts on the earliest, ${earliest.due} (${earliest.label}); the latest is ${latest.due} (${latest.label}).`
  );
}

/** Day count helper for callers (e.g. "faltan 3 días hábiles"): instants → Mexico City dates. */
export function mexicoCityDate(instant: string | Date): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: MX_ZONE }) : DateTime.fromJSDate(instant, { zone: MX_ZONE });
  if (!dt.isValid) throw new DomainInputError('instant', `'${String(instant)}' is not a valid ISO instant`);
  return dt.toISODate()!;
}
