/**
 * Closures that usually happen but are not (yet) loaded as DOF data: Holy Thursday and Friday, the
 * December vacation, and for courts the July vacation. They only ever lengthen `dueLatest` (the latest
 * plausible date), never `due`, and every one is marked unverified so nobody mistakes it for law.
 * Holy Week dates come from the `date-holidays` package (Easter computus, MX data: 'Maundy Thursday'
 * and 'Good Friday', Easter −3 and −2), rather than a hand-written Easter algorithm.
 */
import Holidays from 'date-holidays';
import { addDays, eachDay, makeDate, weekdayOf } from '../time/localDate';
import type { Holiday } from './types';

const library = new Holidays('MX', { languages: ['en'] });
const UNVERIFIED = 'not loaded as DOF data';

/** 'tfja': a court whose July vacation may start before 16 Jul (the TFJA closed from 13 Jul 2026). */
export type UsualClosureSet = 'federal-administration' | 'court' | 'tfja';

function holyWeek(year: number, court: boolean): Holiday[] {
  const days: Holiday[] = [];
  for (const h of library.getHolidays(year)) {
    const date = h.date.slice(0, 10);
    if (h.name === 'Maundy Thursday' || h.name === 'Good Friday') days.push({ date, name: h.name, source: UNVERIFIED, usual: true });
  }
  // Courts usually close from Holy Wednesday (e.g. TFJA 2026: 1–3 Apr).
  const thursday = days.find((d) => d.name === 'Maundy Thursday');
  if (court && thursday) {
    const wednesday = new Date(Date.parse(`${thursday.date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    days.push({ date: wednesday, name: 'Holy Wednesday', source: UNVERIFIED, usual: true });
  }
  return days;
}

function span(from: string, to: string, name: string): Holiday[] {
  return [...eachDay(from, to)].map((date) => ({ date, name, source: UNVERIFIED, usual: true }));
}

/**
 * The earliest plausible first day of the TFJA's July vacation: the Monday of 16 Jul's week, and never
 * after 13 Jul (the 2026 acuerdo, DOF 12-01-2026, closed the Salas from Monday 13 Jul).
 */
export function tfjaJulyStart(year: number): string {
  let monday = makeDate(year, 7, 16);
  while (weekdayOf(monday) !== 'Monday') monday = addDays(monday, -1);
  const thirteenth = makeDate(year, 7, 13);
  return monday < thirteenth ? monday : thirteenth;
}

export function usualClosures(year: number, set: UsualClosureSet): Holiday[] {
  const court = set !== 'federal-administration';
  const days = [...holyWeek(year, court), ...span(makeDate(year, 12, 16), makeDate(year, 12, 31), 'December vacation')];
  if (court) days.push(...span(set === 'tfja' ? tfjaJulyStart(year) : makeDate(year, 7, 16), makeDate(year, 7, 31), 'July vacation'));
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
