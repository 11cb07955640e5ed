/**
 * Instants (moments on the clock) and their link to Mexico City dates. Deadlines are legal days in
 * America/Mexico_City; luxon resolves the zone through Intl (mexicoClock.ts reads days straight from Intl
 * for the workflow), so dates before Mexico abolished daylight saving (Oct 2022) still get the right offset.
 */
import { DateTime } from 'luxon';
import { DomainInputError } from '../errors';
import { parseLocalDate } from './localDate';

export { mexicoDayOf, mexicoDayStartMs, mexicoTimeMs, todayInMexico, whenToMs } from './mexicoClock';

export const MX_ZONE = 'America/Mexico_City';

export type Trigger =
  | { kind: 'date'; date: string }
  /** `iso` is the instant in Mexico City time; `date` the Mexico City day it falls on. */
  | { kind: 'instant'; iso: string; utc: string; date: string };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * Accepts 'YYYY-MM-DD' or an ISO instant. An instant without an offset is read as Mexico City time.
 * Anything else, or a date that does not exist, is a DomainInputError naming `field`.
 */
export function parseTrigger(s: string, field = 'trigger'): Trigger {
  const text = s.trim();
  if (DATE_ONLY.test(text)) return { kind: 'date', date: parseLocalDate(text, field) };
  if (!INSTANT.test(text)) {
    throw new DomainInputError(field, `expected a date YYYY-MM-DD or an ISO instant, got '${s}'`);
  }
  // The date part must exist on its own: luxon would report 2026-02-30T10:00 only as "unit out of range".
  parseLocalDate(text.slice(0, 10), field);
  const dt = DateTime.fromISO(text, { zone: MX_ZONE, setZone: true });
  if (!dt.isValid) throw new DomainInputError(field, `'${s}' is not a valid ISO instant (${dt.invalidExplanation ?? dt.invalidReason})`);
  const local = dt.setZone(MX_ZONE);
  return { kind: 'instant', iso: local.toISO()!, utc: local.toUTC().toISO()!, date: local.toISODate()! };
}

/** The last millisecond of a Mexico City day, as a UTC ISO instant: when a day-counted term expires. */
export function endOfDayInstant(date: string): string {
  return DateTime.fromISO(date, { zone: MX_ZONE }).endOf('day').toUTC().toISO()!;
}

/** Midnight at the start of a Mexico City day. */
export function startOfDay(date: string): DateTime {
  return DateTime.fromISO(date, { zone: MX_ZONE }).startOf('day');
}

export function instantOf(trigger: Trigger): DateTime {
  return trigger.kind === 'instant' ? DateTime.fromISO(trigger.utc, { zone: MX_ZONE }) : startOfDay(trigger.date);
}
