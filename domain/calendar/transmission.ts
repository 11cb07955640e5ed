/**
 * Presidential transmission years and days. A new federal executive takes office every six years
 * (…, 2018, 2024, 2030, …). Until 2018 that happened on 1 Dec; the 2014 political reform
 * (CPEUM art. 83, DOF 10-02-2014) moved it to 1 Oct from the 2024 term on.
 */
import { makeDate } from '../time/localDate';

/** First transmission held on 1 Oct. */
export const FIRST_OCTOBER_TRANSMISSION = 2024;

export function isTransmissionYear(year: number): boolean {
  return (((year - FIRST_OCTOBER_TRANSMISSION) % 6) + 6) % 6 === 0;
}

/** The day power actually changes hands in a transmission year (null in other years). */
export function actualTransmissionDay(year: number): string | null {
  if (!isTransmissionYear(year)) return null;
  return year >= FIRST_OCTOBER_TRANSMISSION ? makeDate(year, 10, 1) : makeDate(year, 12, 1);
}
