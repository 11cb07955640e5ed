/**
 * LFPA art. 28 (Ley Federal de Procedimiento Administrativo, DOF 04-08-1994): the days on which
 * federal administrative terms do not run. The article lists fixed dates, never moved to Mondays, so
 * this is a plain table transcribed from the legal text rather than a library's holiday data: the
 * libraries model the labour-law (LFT) holidays, which are a different list.
 */
import { makeDate } from '../time/localDate';
import { actualTransmissionDay, isTransmissionYear } from './transmission';
import type { Holiday, TransmissionReading } from './types';

const SOURCE = 'LFPA art. 28';

/** [month, day, name]: "el 1o. de enero; 5 de febrero; 21 de marzo; 1o. de mayo; 5 de mayo;
 * 1o. y 16 de septiembre; 20 de noviembre; … y el 25 de diciembre". */
export const LFPA_FIXED_HOLIDAYS: readonly (readonly [number, number, string])[] = [
  [1, 1, "New Year's Day"],
  [2, 5, 'Constitution Day'],
  [3, 21, "Benito Juárez's birthday"],
  [5, 1, 'Labour Day'],
  [5, 5, 'Battle of Puebla'],
  [9, 1, 'Opening of Congress'],
  [9, 16, 'Independence Day'],
  [11, 20, 'Revolution Day'],
  [12, 25, 'Christmas Day'],
];

/**
 * The article also names "1o. de diciembre de cada seis años, cuando corresponda a la transmisión del
 * Poder Ejecutivo Federal". Read 'as-written' that stays 1 Dec; read for its purpose ('actual') it
 * follows the transmission to 1 Oct from 2024.
 */
export function lfpaHolidays(year: number, transmission: TransmissionReading): Holiday[] {
  const days: Holiday[] = LFPA_FIXED_HOLIDAYS.map(([m, d, name]) => ({ date: makeDate(year, m, d), name, source: SOURCE }));
  if (isTransmissionYear(year)) {
    const date = transmission === 'as-written' ? makeDate(year, 12, 1) : actualTransmissionDay(year)!;
    const note = transmission === 'as-written' ? '' : ' (read as the actual transmission day)';
    days.push({ date, name: `Transmission of federal executive power${note}`, source: SOURCE });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
