/**
 * Dates that are allowed but unusual, so the person is asked to look again before the case counts from
 * them: warnings, never refusals (the law's facts happen on odd days too). Pure: the caller passes the
 * governing calendar (with its DOF closures) and today in Mexico City.
 */
import type { BusinessCalendar } from '../calendar/types';
import { isWeekend, toDayNumber } from '../time/localDate';

export type DateWarning =
  /** COMAR receives the weekly signature on its business days (RLRPC art. 24): a signature on another day is likely a typo. */
  | { code: 'signature_non_business_day'; day: string; weekend: boolean }
  /** More than a year back: deadlines counted from it are probably long over. */
  | { code: 'far_back'; day: string };

export function eventDateWarnings(e: { type: string; day: string }, signatureCalendar: Pick<BusinessCalendar, 'isBusinessDay'>, today: string): DateWarning[] {
  const out: DateWarning[] = [];
  if (e.type === 'weekly_signature_recorded' && !signatureCalendar.isBusinessDay(e.day)) out.push({ code: 'signature_non_business_day', day: e.day, weekend: isWeekend(e.day) });
  if (toDayNumber(today) - toDayNumber(e.day) > 366) out.push({ code: 'far_back', day: e.day });
  return out;
}
