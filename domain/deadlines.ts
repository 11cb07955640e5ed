/**
 * Deadline computation: rule + trigger (+ overlays) → due date, with every skipped day and why.
 *
 * Counting (DESIGN.md §3): day 1 is the first business day after the trigger day; a business-day term
 * ends at the end of its last day in Mexico City; hours run on the clock every day; a term in years
 * ends on the same date, rolled to the next business day (LFPA art. 29). Day-counted terms are counted
 * under every reading (see calendar/readings.ts); `due` is the earliest, `dueLatest` the latest.
 */
import { DateTime } from 'luxon';
import { closureWarnings } from './calendar/loadedClosures';
import { buildReadingCalendars, type ReadingCalendar } from './calendar/readings';
import { birthDateOutOfRange, termDateOutOfRange } from './coverage';
import { explainDeadline, termText } from './explanation';
import { CALENDAR_IDS, type BusinessCalendar, type CalendarId, type TransmissionReading } from './calendar/types';
import { DomainInputError } from './errors';
import { overlayApplies, type Overlay } from './overlays';
import { getRule, RULE_PACK } from './rules/rulePack';
import type { Filing, Rule, RulePack, Unit } from './rules/rulePackSchema';
import { endOfDayInstant, instantOf, MX_ZONE, parseTrigger, type Trigger } from './time/instant';
import { isKnownZone, zoneTimeMs } from './time/mexicoClock';
import { addDays, assertSupportedYear, eachDay, isLeapYear, isWeekend, makeDate, weekdayOf, yearOf, type Weekday } from './time/localDate';

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
  /** Rules with an `extension`: the business days the notice grants (default: the most the law allows). */
  extensionDays?: number;
  /** Recurring rules: the weekday the authority assigned (occurrences fall on it); default: the trigger's weekday. */
  weekday?: Weekday;
  /**
   * Rules with `filing: 'office-hours'`: when the office stops receiving and in which IANA zone
   * (default DEFAULT_OFFICE_HOURS; a listed office's hours and zone, lists/offices.ts, override it).
   */
  officeHours?: OfficeHours;
}

export interface OfficeHours {
  /** 'HH:MM', 24-hour clock. */
  closesAt: string;
  /** IANA zone, e.g. 'America/Tijuana'. */
  zone: string;
}

/** LFPA art. 30: 8:00–18:00 unless the authority publishes other hours in the DOF. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { closesAt: '18:00', zone: MX_ZONE };

/** When the last day ends, for rules that say (see Rule.filing). */
export interface FilingClose {
  filing: Filing;
  /** 'HH:MM' the office closes on the due day, or '24:00'. */
  closesAt: string;
  zone: string;
  /** Why: the provision, and whether the hours are the default or the office's. */
  source: string;
}

export interface SkippedDay {
  date: string;
  reason: string;
}

export interface ReadingResult {
  id: string;
  role: 'governing' | 'latest';
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
  /** The term as a lawyer says it: '45 días hábiles, LRPCAP art. 24'. */
  term: string;
  /** Label of the governing calendar (plus 'closures declared for <agency>'). */
  governingCalendar: string;
  /** The days that made dueLatest later than due, each with why it may be closed. */
  latestDays: SkippedDay[];
  /** E.g. an agency's closures for a year not loaded. */
  warnings: string[];
  /** When the due day ends (absent for rules that do not say: then 23:59:59 Mexico City). */
  filing?: FilingClose;
  /** Whether the rule was checked against its source (absent for packs without that record). */
  verified?: boolean;
  /** One paragraph: term, calendar, skipped days, closures used, and the difference to dueLatest. */
  explanation: string;
}

const MAX_TARGET_DAYS = 3650;
const WORKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

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
  if (input.weekday !== undefined) {
    if (rule.unit !== 'recurring_days') throw new DomainInputError('weekday', `rule ${rule.id} is not recurring`);
    if (!(WORKDAYS as readonly string[]).includes(input.weekday)) {
      throw new DomainInputError('weekday', `expected one of ${WORKDAYS.join(', ')}, got '${String(input.weekday)}'`);
    }
  }
  const length = lengthOf(rule, pack, input.targets, input.extensionDays);
  const filing = filingClose(rule, input.officeHours, input.office);
  // The covered range (coverage.ts): a birth date from 1990; any other trigger inside the term dates.
  const outOfRange = rule.unit === 'years' ? birthDateOutOfRange(trigger.date) : termDateOutOfRange(trigger.date);
  if (outOfRange) throw new DomainInputError('trigger', outOfRange);
  if (rule.unit === 'years') assertSupportedYear(yearOf(trigger.date) + length, 'trigger');

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
    term: termText(rule, length),
    ...(rule.verification ? { verified: rule.verification.verified } : {}),
  };

  if (rule.unit === 'hours') {
    const r = { ...base, ...countHours(trigger, length, calendar), governingCalendar: 'hours on the clock', latestDays: [], warnings: [] };
    return { ...r, explanation: explainDeadline(r) };
  }

  const k = rule.unit === 'recurring_days' ? (occurrence ?? 1) : undefined;
  const ctx = { overlays: input.overlays, agency: rule.agency, office: input.office, ruleId: rule.id };
  const notes: string[] = [];
  const cals = buildReadingCalendars(calendar, { ...ctx, tfjaJulyVacation: pack.tfjaJulyVacation });
  const how = {
    roll: rule.roll,
    onClosedDay: rule.closedWeekday === 'next-business-day' ? ('roll' as const) : rule.onClosedDay,
    weekday: input.weekday,
    leapDay: rule.leapDay,
    filing,
  };
  const counted = cals.map((r) => countInRange(() => countDays(r, rule.unit, length, trigger.date, k, notes, how)));
  const readings = counted.map((c) => c.result);

  // `due`: the earliest legitimate reading of the governing calendar; `dueLatest`: the union calendar.
  const earliest = readings.filter((r) => r.role === 'governing').reduce((a, b) => (b.due < a.due ? b : a));
  const latest = readings.find((r) => r.role === 'latest')!;
  const dueCal = cals.find((c) => c.id === earliest.id)!.cal;
  const latestCal = cals.find((c) => c.role === 'latest')!.cal;
  // The days that decided the outcome: the whole count for day terms, only the roll for years and
  // recurring dates (whose nominal date is fixed whatever the calendar).
  const spanFrom = counted.reduce((a, c) => (c.spanFrom < a ? c.spanFrom : a), counted[0]!.spanFrom);
  const applied = [...new Map((input.overlays ?? []).map((o) => [o.id, o] as const)).values()].filter(
    (o) => overlayApplies(o, ctx) && o.start <= latest.due && o.end >= spanFrom,
  );
  if (rule.unit === 'years' && applied.some((o) => o.kind === 'suspension')) {
    notes.push('Suspensions do not stop a period in years (a birthday is a fact); they only move its last day.');
  }

  // The days the union closes but the governing reading keeps open, up to dueLatest.
  const latestDays: SkippedDay[] = [];
  if (latest.due > earliest.due) {
    for (const d of eachDay(spanFrom, latest.due)) {
      if (!dueCal.isBusinessDay(d) || latestCal.isBusinessDay(d)) continue;
      latestDays.push({ date: d, reason: latestCal.nonBusinessReason(d) ?? 'not a business day' });
    }
  }
  const counts = !(rule.unit === 'years' && !rule.roll);
  const warnings = counts
    ? closureWarnings(input.overlays ?? [], { agency: rule.agency, office: input.office, ruleId: rule.id }, rule.unit === 'business_days' || rule.unit === 'calendar_days' ? addDays(trigger.date, 1) : spanFrom, latest.due)
    : [];
  const declared = rule.agency ? ` + closures declared for ${rule.agency}${input.office ? ` (${input.office})` : ''}` : '';

  const result = {
    ...base,
    ...(k !== undefined ? { occurrence: k } : {}),
    due: earliest.due,
    dueLatest: latest.due,
    dueInstant: earliest.dueInstant,
    dueLatestInstant: latest.dueInstant,
    skipped: earliest.skipped,
    ...(earliest.due !== latest.due
      ? { reason: leapDayReading(rule, trigger.date, earliest.due, latest.due) ?? disagreement(readings, earliest, latest, latestDays) }
      : {}),
    dueReading: earliest.id,
    dueLatestReading: latest.id,
    readings,
    overlaysApplied: applied.map((o) => o.id),
    notes: [...new Set(notes)],
    governingCalendar: `${dueCal.label}${declared}`,
    latestDays,
    warnings,
    ...(filing ? { filing } : {}),
  };
  return { ...result, explanation: explainDeadline(result) };
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

function lengthOf(rule: Rule, pack: RulePack, targets: Record<string, number> | undefined, extensionDays: number | undefined): number {
  if (extensionDays !== undefined) {
    if (!rule.extension) throw new DomainInputError('extensionDays', `rule ${rule.id} has no extension`);
    const max = rule.extension.maxDays;
    if (!Number.isInteger(extensionDays) || extensionDays < 1 || extensionDays > max) {
      throw new DomainInputError('extensionDays', `expected a whole number of business days from 1 to ${max}, got ${extensionDays}`);
    }
    return rule.extension.baseLength + extensionDays;
  }
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
    role: 'governing',
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
  how: { roll: boolean; onClosedDay: 'roll' | 'drop'; weekday?: Weekday; leapDay: Rule['leapDay']; filing?: FilingClose },
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
      // Both readings of a 29 Feb (when the rule asks): the governing ones 28 Feb, the latest 1 Mar.
      const earlier = how.leapDay === 'both-readings' && r.role === 'governing';
      spanFrom = sameDateYearsLater(triggerDate, length, notes, how.leapDay === 'both-readings' ? (earlier ? 'feb-28' : 'mar-1-both') : 'mar-1');
      // A fact (the 18th birthday) is the day itself, whatever the calendar.
      due = how.roll ? rollWithSkips(r.cal, spanFrom, skip) : spanFrom;
      break;
    }
    case 'recurring_days': {
      // Occurrence k is anchored on the trigger (or the last assigned weekday on or before it), so a
      // rolled or dropped occurrence never shifts the next ones.
      const anchor = how.weekday ? lastWeekdayOnOrBefore(triggerDate, how.weekday) : triggerDate;
      spanFrom = addDays(anchor, length * (occurrence ?? 1));
      if (how.onClosedDay === 'drop' && !isWeekend(spanFrom)) {
        // No signing on a closed weekday: that week's occurrence is dropped, the next one is due. (A
        // signing day is never a weekend; a trigger on one falls back to rolling, below.)
        due = spanFrom;
        while (!r.cal.isBusinessDay(due)) {
          skipped.push({ date: due, reason: `occurrence dropped: ${r.cal.nonBusinessReason(due) ?? 'not a business day'}` });
          due = addDays(due, length);
        }
      } else {
        due = rollWithSkips(r.cal, spanFrom, skip);
      }
      break;
    }
    default:
      throw new DomainInputError('unit', `unit ${unit} is not counted in days`);
  }
  const result = {
    id: r.id,
    role: r.role,
    label: r.cal.label,
    calendar: r.calendar,
    transmission: r.transmission,
    due,
    dueInstant: how.filing ? closingInstant(due, how.filing, r.role) : endOfDayInstant(due),
    skipped,
  };
  return { result, spanFrom };
}

function lastWeekdayOnOrBefore(date: string, weekday: Weekday): string {
  let d = date;
  while (weekdayOf(d) !== weekday) d = addDays(d, -1);
  return d;
}

function rollWithSkips(cal: BusinessCalendar, date: string, skip: (d: string) => void): string {
  const due = cal.rollForward(date);
  for (let d = date; d < due; d = addDays(d, 1)) skip(d);
  return due;
}

/**
 * LFPA art. 29: a term in years ends on the same day of the same month; "cuando no exista el mismo
 * número de día en el mes de calendario correspondiente, el término será el primer día hábil del
 * siguiente mes" — so 29 Feb becomes 1 Mar (then rolled) in a common year ('mar-1'). For a birthday the
 * day before, 28 Feb, is as plausible: rules with both readings count it for `due` ('feb-28').
 */
function sameDateYearsLater(date: string, years: number, notes: string[], reading: 'mar-1' | 'feb-28' | 'mar-1-both'): string {
  const year = yearOf(date) + years;
  const [month, day] = [Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    if (reading === 'mar-1') {
      notes.push(`${year} has no 29 Feb: the term ends on the first business day of March (LFPA art. 29).`);
      return makeDate(year, 3, 1);
    }
    notes.push(`No 29 Feb in ${year}: read as 28 Feb (due) or 1 Mar (dueLatest, LFPA art. 29 ¶1); a lawyer should confirm which a court takes.`);
    return reading === 'feb-28' ? makeDate(year, 2, 28) : makeDate(year, 3, 1);
  }
  return makeDate(year, month, day);
}

/** The reason due and dueLatest differ when it is the 29 Feb readings, not a closure. */
function leapDayReading(rule: Rule, triggerDate: string, due: string, dueLatest: string): string | undefined {
  if (rule.unit !== 'years' || rule.leapDay !== 'both-readings' || !triggerDate.endsWith('-02-29')) return undefined;
  return (
    `Born on 29 Feb and ${yearOf(due)} has none: due ${due} reads the day before 1 Mar; dueLatest ${dueLatest} reads 1 Mar, ` +
    `as LFPA art. 29 ¶1 ends a term by year that lacks the day. Plazo acts on ${due}.`
  );
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** An office's hours as a rule takes them: only rules whose last day ends at office hours (the others ignore the office's clock). */
export const officeHoursFor = (rule: Rule, hours: OfficeHours | undefined): OfficeHours | undefined => (rule.filing === 'office-hours' ? hours : undefined);

/** When the rule's last day ends: office hours (LFPA arts. 28, 30) or 24:00 (Ley de Amparo art. 21). */
function filingClose(rule: Rule, hours: OfficeHours | undefined, office: string | undefined): FilingClose | undefined {
  if (hours !== undefined) {
    if (rule.filing !== 'office-hours') throw new DomainInputError('officeHours', `rule ${rule.id} does not end at office hours`);
    if (!HHMM.test(hours.closesAt)) throw new DomainInputError('officeHours.closesAt', `expected HH:MM (24-hour), got '${hours.closesAt}'`);
    if (!isKnownZone(hours.zone)) throw new DomainInputError('officeHours.zone', `unknown IANA time zone '${hours.zone}'`);
  }
  if (rule.filing === 'until-midnight') {
    return { filing: rule.filing, closesAt: '24:00', zone: MX_ZONE, source: 'filings until 24:00 of the last day (Ley de Amparo art. 21)' };
  }
  if (rule.filing !== 'office-hours') return undefined;
  const h = hours ?? DEFAULT_OFFICE_HOURS;
  const source = hours
    ? `the filing hours listed for ${office ?? 'the office'}, LFPA art. 30 (8:00–18:00 unless the authority publishes others)`
    : 'office hours 8:00–18:00, the default when the authority publishes no others (LFPA arts. 28, 30)';
  return { filing: rule.filing, closesAt: h.closesAt, zone: h.zone, source };
}

/** `due` ends when the office closes; the latest reading (and 24:00 filings) at the end of the day, in the office's zone. */
function closingInstant(date: string, close: FilingClose, role: ReadingResult['role']): string {
  const closes = close.filing === 'until-midnight' || role === 'latest' ? zoneTimeMs(date, '24:00', close.zone) - 1 : zoneTimeMs(date, close.closesAt, close.zone);
  return new Date(closes).toISOString();
}

/** Why due and dueLatest differ, with each day that made the difference and why it may be closed. */
function disagreement(results: ReadingResult[], earliest: ReadingResult, latest: ReadingResult, latestDays: SkippedDay[]): string {
  const governing = results.filter((r) => r.role === 'governing');
  const ambiguity =
    governing.length > 1 && governing.some((r) => r.due !== earliest.due)
      ? ` The law's own readings differ (${governing.map((r) => `${r.label} → ${r.due}`).join('; ')}); due is the earlier.`
      : '';
  const days = latestDays.map((d) => `${d.date}: ${d.reason}`).join('. ');
  return (
    `due ${earliest.due} (${earliest.label}); dueLatest ${latest.due} if every closure that may apply does.` +
    (days ? ` Days that made the difference: ${days}.` : '') +
    ambiguity +
    ` Plazo acts on ${earliest.due}.`
  );
}

/** Day count helper for callers (e.g. "faltan 3 días hábiles"): instants → Mexico City dates. */
export function mexicoCityDate(instant: string | Date): string {
  const dt = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: MX_ZONE }) : DateTime.fromJSDate(instant, { zone: MX_ZONE });
  if (!dt.isValid) throw new DomainInputError('instant', `'${String(instant)}' is not a valid ISO instant`);
  return dt.toISODate()!;
}
