/**
 * Calendar dates as 'YYYY-MM-DD' strings (a day in Mexico City, with no time and no zone).
 * Arithmetic goes through a day number (days since 1970-01-01) computed in UTC, where every day has
 * 24 hours, so adding days never trips over daylight-saving changes.
 */
import { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR } from '../coverage';
import { DomainInputError } from '../errors';

/** Years the calendars are defined for: see coverage.ts (the one place the range is set). */
export { FIRST_SUPPORTED_YEAR, LAST_SUPPORTED_YEAR };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
// Index = JavaScript's getUTCDay() (0 = Sunday).
const WEEKDAYS: readonly Weekday[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a well-formed date that exists (rejects 2026-02-30, 2026-13-01, 2025-02-29). */
export function isValidLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Validates a date that must exist (2026-02-30 does not); throws DomainInputError naming `field`. */
export function parseLocalDate(s: string, field: string): string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) throw new DomainInputError(field, `expected a date YYYY-MM-DD, got '${s}'`);
  if (!isValidLocalDate(s)) throw new DomainInputError(field, `${s} is not a date that exists`);
  return s;
}

/** parseLocalDate, plus: the calendars must cover its year. */
export function parseCalendarDate(s: string, field: string): string {
  parseLocalDate(s, field);
  assertSupportedYear(yearOf(s), field);
  return s;
}

export function assertSupportedYear(year: number, field: string): void {
  if (year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new DomainInputError(
      field,
      `year ${year} is outside the years the calendars cover (${FIRST_SUPPORTED_YEAR}–${LAST_SUPPORTED_YEAR})`,
    );
  }
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function toDayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

export function makeDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay()]!;
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 'Saturday' || w === 'Sunday';
}

/** '16 Sep' — the short form used in skipped-day reasons. */
export function dayMonthLabel(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]}`;
}

/** The n-th (1-based) given weekday of a month, e.g. the third Monday of March. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, n: number): string {
  const first = makeDate(year, month, 1);
  const target = WEEKDAYS.indexOf(weekday);
  const firstDow = WEEKDAYS.indexOf(weekdayOf(first));
  return addDays(first, ((target - firstDow + 7) % 7) + 7 * (n - 1));
}

/** Dates from `start` to `end`, both inclusive. */
export function* eachDay(start: string, end: string): Generator<string> {
  for (let d = toDayNumber(start), last = toDayNumber(end); d <= last; d++) yield fromDayNumber(d);
}
