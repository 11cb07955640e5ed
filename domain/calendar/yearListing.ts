/** The non-business days of one year under one calendar, for `plazo calendar` and for audits. */
import { eachDay, isWeekend, makeDate, weekdayOf, type Weekday } from '../time/localDate';
import type { BusinessCalendar } from './types';

export interface NonBusinessDay {
  date: string;
  weekday: Weekday;
  reason: string;
}

/** Holidays and overlay days; weekends too when `includeWeekends` (they are 104 lines of noise otherwise). */
export function nonBusinessDaysOf(cal: BusinessCalendar, year: number, includeWeekends = false): NonBusinessDay[] {
  const out: NonBusinessDay[] = [];
  for (const date of eachDay(makeDate(year, 1, 1), makeDate(year, 12, 31))) {
    const reason = cal.nonBusinessReason(date);
    if (reason === null) continue;
    // A plain weekend's reason is just its weekday name; anything more (a holiday on a Sunday) is kept.
    if (!includeWeekends && isWeekend(date) && reason === weekdayOf(date)) continue;
    out.push({ date, weekday: weekdayOf(date), reason });
  }
  return out;
}
