/**
 * LFT art. 74 (Ley Federal del Trabajo): the labour-law rest days, which federal offices also tend to
 * close on. The dates come from the `date-holidays` package (MX, type 'public'): it models the
 * 2006 move of three holidays to Mondays correctly, but it still puts the transmission day on 1 Dec
 * every six years. Since the reform of fr. VII (DOF 30-09-2024, in force 01-10-2024) the law says
 * 1 Oct, so we drop the library's 1 Dec from 2024 on and add 1 Oct ourselves (see lftArt74.test.ts).
 */
import Holidays from 'date-holidays';
import { makeDate } from '../time/localDate';
import { FIRST_OCTOBER_TRANSMISSION, isTransmissionYear } from './transmission';
import type { Holiday } from './types';

const library = new Holidays('MX', { languages: ['en'], types: ['public'] });

/** Raw library output for a year (date, name): exported so a test can show what we patch. */
export function libraryPublicHolidays(year: number): { date: string; name: string }[] {
  return library
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
}

// Fraction of art. 74 for each month's holiday, to cite it in skipped-day reasons.
const FRACTION_BY_MONTH: Record<number, string> = { 1: 'I', 2: 'II', 3: 'III', 5: 'IV', 9: 'V', 10: 'VII', 11: 'VI', 12: 'VIII' };

function isLibraryTransmissionDay(date: string, year: number): boolean {
  return isTransmissionYear(year) && date === makeDate(year, 12, 1);
}

export function lftHolidays(year: number): Holiday[] {
  const days: Holiday[] = [];
  for (const h of libraryPublicHolidays(year)) {
    const month = Number(h.date.slice(5, 7));
    if (isLibraryTransmissionDay(h.date, year)) {
      // Patch: from 2024 the transmission day is 1 Oct (added below), not the library's 1 Dec.
      if (year >= FIRST_OCTOBER_TRANSMISSION) continue;
      days.push({ date: h.date, name: 'Transmission of federal executive power', source: 'LFT art. 74 fr. VII' });
      continue;
    }
    days.push({ date: h.date, name: h.name, source: `LFT art. 74 fr. ${FRACTION_BY_MONTH[month] ?? '?'}` });
  }
  if (isTransmissionYear(year) && year >= FIRST_OCTOBER_TRANSMISSION) {
    days.push({
      date: makeDate(year, 10, 1),
      name: 'Transmission of federal executive power',
      source: 'LFT art. 74 fr. VII (DOF 30-09-2024)',
    });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
