/**
 * Instants (moments on the clock) and their link to Mexico City dates. Deadlines are legal days in
 * America/Mexico_City; luxon resolves the zone through Intl, so dates before Mexico abolished daylight
 * saving (Oct 2022) still get the right offset.
 */
import { DateTime } from 'luxon';
import { DomainInputError } from '../errors';
import { parseLocalDate } from './localDate';

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

/**
 * The Mexico City day (YYYY-MM-DD) an instant falls on, on the IANA zone: UTC−6, and UTC−5 in the
 * daylight-saving summers Mexico kept until Oct 2022 (never a fixed offset).
 */
export function mexicoDayOf(at: Date | number): string {
  return DateTime.fromMillis(typeof at === 'number' ? at : at.getTime(), { zone: MX_ZONE }).toISODate()!;
}

/** Today in Mexico City as of `now` (the one "today" of pages, emails, the CLI and the workflow's checks). */
export const todayInMexico = (now: Date | number): string => mexicoDayOf(now);

/** A Mexico City wall time ('2026-03-10', '09:00') as epoch ms, on the IANA zone. */
export function mexicoTimeMs(date: string, time: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: MX_ZONE }).toMillis();
}

/** Epoch ms of a date (the start of that day in Mexico City) or of an ISO instant; NaN when it is neither. */
export function whenToMs(when: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? DateTime.fromISO(when, { zone: MX_ZONE }).toMillis() : Date.parse(when);
}

/** Epoch ms of the start of the Mexico City day a date or an instant falls on. */
export function mexicoDayStartMs(when: string): number {
  return DateTime.fromMillis(whenToMs(when), { zone: MX_ZONE }).startOf('day').toMillis();
}

/** Midnight at the start of a Mexico City day. */
export function startOfDay(date: string): DateTime {
  return DateTime.fromISO(date, { zone: MX_ZONE }).startOf('day');
}

export function instantOf(trigger: Trigger): DateTime {
  return trigger.kind === 'instant' ? DateTime.fromISO(trigger.utc, { zone: MX_ZONE }) : startOfDay(trigger.date);
}
