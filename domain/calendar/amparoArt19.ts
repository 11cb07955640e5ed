/**
 * Ley de Amparo (DOF 02-04-2013) art. 19: the days on which amparo terms do not run — Saturdays and
 * Sundays, 1 Jan, 5 Feb, 21 Mar, 1 and 5 May, 14 and 16 Sep, 12 Oct, 20 Nov and 25 Dec, plus the days
 * the court suspends work (those come in as overlays with agency JUDICIARY). Fixed dates, like LFPA's.
 * The list is the one the SCJN quotes for the former art. 23 (tesis P. XXV/97) and that secondary
 * sources give for art. 19 with 25 Dec added; docs/legal-clock.md says what was and was not read.
 */
import { makeDate } from '../time/localDate';
import type { Holiday } from './types';

const SOURCE = 'Ley de Amparo art. 19';

export const AMPARO_FIXED_HOLIDAYS: readonly (readonly [number, number, string])[] = [
  [1, 1, "New Year's Day"],
  [2, 5, 'Constitution Day'],
  [3, 21, "Benito Juárez's birthday"],
  [5, 1, 'Labour Day'],
  [5, 5, 'Battle of Puebla'],
  [9, 14, 'Eve of Independence (14 Sep)'],
  [9, 16, 'Independence Day'],
  [10, 12, 'Día de la Raza (12 Oct)'],
  [11, 20, 'Revolution Day'],
  [12, 25, 'Christmas Day'],
];

export function amparoHolidays(year: number): Holiday[] {
  return AMPARO_FIXED_HOLIDAYS.map(([m, d, name]) => ({ date: makeDate(year, m, d), name, source: SOURCE }));
}
