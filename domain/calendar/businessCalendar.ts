/**
 * A business-day calendar: one legal calendar (LFPA art. 28 or LFT art. 74), one reading of the
 * transmission day, and the overlays that touch one agency/office/rule. Every question a deadline asks
 * ("is this a business day, and if not why?") is answered here.
 */
import { DomainInputError } from '../errors';
import { overlayApplies, overlayReason, type Overlay } from '../overlays';
import {
  addDays,
  assertSupportedYear,
  dayMonthLabel,
  eachDay,
  isWeekend,
  parseCalendarDate,
  weekdayOf,
  yearOf,
} from '../time/localDate';
import { amparoHolidays } from './amparoArt19';
import { lfpaHolidays } from './lfpaArt28';
import { lftHolidays } from './lftArt74';
import { tfjaHolidays } from './tfja';
import { CALENDAR_IDS, type BusinessCalendar, type CalendarId, type Holiday, type TransmissionReading } from './types';
import { usualClosures, type UsualClosureSet } from './usualClosures';

export interface BuildCalendarOptions {
  /** Closures and suspensions; when two share an id the later one replaces the earlier. */
  overlays?: readonly Overlay[];
  /** Agency whose overlays apply (a rule's `agency`); without it only 'all' overlays apply. */
  agency?: string;
  /** Office of the case; office-specific overlays apply only when it matches. */
  office?: string;
  /** Rule being counted, so overlays that except it are left out. */
  ruleId?: string;
  /** Default 'as-written'. */
  transmissionReading?: TransmissionReading;
}

const holidayCache = new Map<string, Map<string, Holiday[]>>();

/** What one calendar is made of: a key for the memo, a label, and its holidays of a year. */
interface HolidaySource {
  key: string;
  label: string;
  holidaysOfYear(year: number): Holiday[];
}

/** Holidays of a year by date, memoised: the data never changes while the process runs. */
function holidayIndex(source: HolidaySource, year: number): Map<string, Holiday[]> {
  const key = `${source.key}|${year}`;
  let index = holidayCache.get(key);
  if (!index) {
    index = new Map();
    for (const h of source.holidaysOfYear(year)) index.set(h.date, [...(index.get(h.date) ?? []), h]);
    holidayCache.set(key, index);
  }
  return index;
}

function holidaysOf(id: CalendarId, transmission: TransmissionReading, year: number): Holiday[] {
  switch (id) {
    case 'lfpa-art28':
      return lfpaHolidays(year, transmission);
    case 'lft-art74':
      return lftHolidays(year);
    case 'amparo-art19':
      return amparoHolidays(year);
    case 'tfja':
      return tfjaHolidays(year);
  }
}

export function calendarLabel(id: CalendarId, transmission: TransmissionReading): string {
  switch (id) {
    case 'lft-art74':
      return 'LFT art. 74';
    case 'amparo-art19':
      return 'Ley de Amparo art. 19';
    case 'tfja':
      return 'TFJA (LFPCA art. 74)';
    case 'lfpa-art28':
      return transmission === 'as-written' ? 'LFPA art. 28 as written' : 'LFPA art. 28, transmission day read as 1 Oct';
  }
}

export function buildCalendar(id: CalendarId, opts: BuildCalendarOptions = {}): BusinessCalendar {
  if (!(CALENDAR_IDS as readonly string[]).includes(id)) {
    throw new DomainInputError('calendar', `unknown calendar '${String(id)}' (expected ${CALENDAR_IDS.join(', ')})`);
  }
  const transmission = opts.transmissionReading ?? 'as-written';
  const source = { key: `${id}|${transmission}`, label: calendarLabel(id, transmission), holidaysOfYear: (y: number) => holidaysOf(id, transmission, y) };
  return makeCalendar(id, transmission, source, opts);
}

/**
 * The latest plausible calendar: a day is closed if ANY of the parts closes it, or if it is a usual
 * closure not yet loaded as data. Never fewer non-business days than any part, so a count on it is
 * never earlier than on the governing calendar (property-tested in deadlines.property.test.ts).
 */
export function buildUnionCalendar(
  governing: CalendarId,
  parts: readonly { id: CalendarId; transmission: TransmissionReading }[],
  usual: UsualClosureSet,
  opts: Omit<BuildCalendarOptions, 'transmissionReading'> = {},
): BusinessCalendar {
  const key = `union|${parts.map((p) => `${p.id}/${p.transmission}`).join('+')}|${usual}`;
  const source = {
    key,
    label: 'every calendar that may apply (latest plausible)',
    holidaysOfYear: (y: number) => [...parts.flatMap((p) => holidaysOf(p.id, p.transmission, y)), ...usualClosures(y, usual)],
  };
  return makeCalendar(governing, 'as-written', source, opts);
}

function makeCalendar(id: CalendarId, transmission: TransmissionReading, source: HolidaySource, opts: Omit<BuildCalendarOptions, 'transmissionReading'>): BusinessCalendar {
  const ctx = { agency: opts.agency, office: opts.office, ruleId: opts.ruleId };
  const overlaysByDate = new Map<string, Overlay[]>();
  // One overlay per id, the last one given winning: a stored correction replaces the seed it corrects.
  const byId = new Map((opts.overlays ?? []).map((o) => [o.id, o] as const));
  for (const o of byId.values()) {
    if (!overlayApplies(o, ctx)) continue;
    for (const d of eachDay(o.start, o.end)) overlaysByDate.set(d, [...(overlaysByDate.get(d) ?? []), o]);
  }

  const holidaysOn = (date: string): Holiday[] => {
    const year = yearOf(date);
    assertSupportedYear(year, 'date');
    return holidayIndex(source, year).get(date) ?? [];
  };

  // Unchecked variants for the hot loops; the public methods validate their arguments first.
  const isBusiness = (date: string): boolean =>
    !isWeekend(date) && holidaysOn(date).length === 0 && !overlaysByDate.has(date);

  const reason = (date: string): string | null => {
    const reasons: string[] = [];
    if (isWeekend(date)) reasons.push(weekdayOf(date));
    for (const h of holidaysOn(date)) {
      reasons.push(h.usual ? `usual closure, unverified: ${dayMonthLabel(date)} (${h.name}, ${h.source})` : `holiday: ${dayMonthLabel(date)} (${h.name}, ${h.source})`);
    }
    for (const o of overlaysByDate.get(date) ?? []) reasons.push(overlayReason(o));
    return reasons.length ? reasons.join('; ') : null;
  };

  const step = (date: string, n: number): string => {
    let d = date;
    let left = Math.abs(n);
    const dir = Math.sign(n);
    while (left > 0) {
      d = addDays(d, dir);
      if (isBusiness(d)) left--;
    }
    return d;
  };

  const roll = (date: string): string => {
    let d = date;
    while (!isBusiness(d)) d = addDays(d, 1);
    return d;
  };

  return {
    id,
    transmission,
    label: source.label,
    isBusinessDay: (date) => isBusiness(parseCalendarDate(date, 'date')),
    nonBusinessReason: (date) => reason(parseCalendarDate(date, 'date')),
    isSuspended: (date) =>
      (overlaysByDate.get(parseCalendarDate(date, 'date')) ?? []).some((o) => o.kind === 'suspension'),
    addBusinessDays: (date, n) => {
      if (!Number.isInteger(n)) throw new DomainInputError('n', `expected a whole number of days, got ${n}`);
      return step(parseCalendarDate(date, 'date'), n);
    },
    businessDaysBetween: (from, to) => {
      // Like addBusinessDays, counting starts next to `from` and includes `to`: (from, to] going
      // forward, [to, from) going back, so businessDaysBetween(d, addBusinessDays(d, n)) === n always.
      const [a, b] = [parseCalendarDate(from, 'from'), parseCalendarDate(to, 'to')];
      const [first, last, sign] = a <= b ? [addDays(a, 1), b, 1] : [b, addDays(a, -1), -1];
      let count = 0;
      for (const d of eachDay(first, last)) if (isBusiness(d)) count++;
      return sign * count;
    },
    rollForward: (date) => roll(parseCalendarDate(date, 'date')),
    holidaysOf: (year) => {
      assertSupportedYear(year, 'year');
      return [...holidayIndex(source, year).values()].flat();
    },
  };
}
