/**
 * How much time a deadline has left, in words and in the unit it is counted in: the one computation
 * behind the emails (activities/deliveries.ts), the pages and the API (client/api), and so the CLI.
 * Business-day terms count business days under the deadline's calendar with the DOF overlays of its
 * agency and office; hour terms count hours; calendar-day and year terms count days.
 */
import { DateTime } from 'luxon';
import { buildCalendar } from './calendar/businessCalendar';
import { isLive } from './case/upcoming';
import type { BusinessCalendar, CalendarId } from './calendar/types';
import { remainingText } from './messages/stepMessage';
import type { Lang } from './messages/catalogue';
import type { Overlay } from './overlays';
import { getRule } from './rules/rulePack';
import { MX_ZONE, todayInMexico } from './time/instant';

export interface Remaining {
  value: number;
  unit: 'hours' | 'business_days' | 'days';
  text: string;
}

export interface RemainingContext {
  now: Date;
  overlays: Overlay[];
  calendars: Map<string, BusinessCalendar>;
}

/** `now` is when the time left is read: the request's instant for a page, the step's firing for an email. */
export const remainingContext = (overlays: Overlay[], now: Date): RemainingContext => ({ now, overlays, calendars: new Map() });

/** A rule's calendar with the DOF overlays of its agency and the case's office (cached per context). */
export function calendarFor(ctx: RemainingContext, calendar: string, ruleId: string, office: string | null): BusinessCalendar {
  const key = `${calendar}|${ruleId}|${office ?? ''}`;
  let cal = ctx.calendars.get(key);
  if (!cal) {
    let agency: string | undefined;
    try {
      agency = getRule(ruleId).agency;
    } catch {
      agency = undefined;
    }
    cal = buildCalendar(calendar as CalendarId, { overlays: ctx.overlays, ruleId, agency, office: office ?? undefined });
    ctx.calendars.set(key, cal);
  }
  return cal;
}

export interface RemainingInput {
  status: string;
  unit: string;
  calendar: string;
  ruleId: string;
  due: string;
  dueInstant: string;
  office: string | null;
}

/** The time left on a live deadline as of `ctx.now` (null once it is settled). */
export function remainingOf(ctx: RemainingContext, d: RemainingInput, lang: Lang): Remaining | null {
  if (!isLive(d)) return null;
  const dueMs = Date.parse(d.dueInstant);
  const nowMs = ctx.now.getTime();
  if (d.unit === 'hours') {
    // Rounded down, never up: whole hours left (1 h 50 min reads 1 hour), whole hours past; the value is
    // at least 1 hour past once the moment has passed, but the first hour past reads in whole minutes
    // (16 minutes past is "venció hace 16 minutos", not 1 hour).
    const diff = (dueMs - nowMs) / 3_600_000;
    const hours = diff >= 0 ? Math.floor(diff) : -Math.max(1, Math.floor(-diff));
    const minutesPast = diff < 0 && -diff < 1 ? Math.max(1, Math.floor(-diff * 60)) : 0;
    return { value: hours, unit: 'hours', text: minutesPast ? remainingText(lang, -minutesPast, 'minutes') : remainingText(lang, hours, 'hours') };
  }
  const today = todayInMexico(ctx.now);
  if (d.unit === 'business_days') {
    const n = calendarFor(ctx, d.calendar, d.ruleId, d.office).businessDaysBetween(today, d.due);
    // Past the end of its last day even when the count is 0.
    const value = n === 0 && nowMs > dueMs ? -1 : n;
    return { value, unit: 'business_days', text: remainingText(lang, value) };
  }
  const days = Math.round(DateTime.fromISO(d.due, { zone: MX_ZONE }).diff(DateTime.fromISO(today, { zone: MX_ZONE }), 'days').days);
  return { value: days, unit: 'days', text: remainingText(lang, days, 'days') };
}


