/** Shared shapes of the calendars. Plain types: nothing here crosses a process boundary unvalidated. */

/**
 * - lfpa-art28: federal administrative terms (COMAR, INM, the Procuraduría).
 * - lft-art74: the labour-law rest days (Calendario Oficial); never a governing calendar of this pack,
 *   only extra closures for `dueLatest` (and selectable for audits).
 * - amparo-art19: the amparo courts (Ley de Amparo art. 19).
 * - tfja: the Tribunal Federal de Justicia Administrativa (LFPCA art. 74: days its Salas are open).
 */
export const CALENDAR_IDS = ['lfpa-art28', 'lft-art74', 'amparo-art19', 'tfja'] as const;
export type CalendarId = (typeof CALENDAR_IDS)[number];

/**
 * Which day of a presidential-transmission year is a holiday.
 * - 'as-written': the day the calendar's own text names (LFPA art. 28: 1 Dec; LFT art. 74 since
 *   DOF 30-09-2024: 1 Oct).
 * - 'actual': the day power is actually handed over (1 Dec up to 2018; 1 Oct from 2024 under
 *   CPEUM art. 83 as reformed in DOF 10-02-2014). Differs from 'as-written' only for LFPA from 2024.
 */
export type TransmissionReading = 'as-written' | 'actual';

/** One fixed holiday of a calendar on a given date. */
export interface Holiday {
  date: string;
  name: string;
  /** e.g. 'LFPA art. 28' or 'LFT art. 74 fr. II' */
  source: string;
  /** A usual closure not loaded as DOF data (only in the latest-plausible calendar). */
  usual?: boolean;
}

export interface BusinessCalendar {
  readonly id: CalendarId;
  readonly transmission: TransmissionReading;
  /** Human label of this reading, e.g. 'LFPA art. 28 as written'. */
  readonly label: string;
  isBusinessDay(date: string): boolean;
  /** Why a day is not a business day ('Saturday', 'holiday: 16 Sep (…)', 'closure: …'), or null. */
  nonBusinessReason(date: string): string | null;
  /** True when a suspension overlay stops the count on this day (calendar-day terms skip it too). */
  isSuspended(date: string): boolean;
  /** n > 0: the n-th business day after `date`; n < 0: the n-th before; 0: `date` itself. */
  addBusinessDays(date: string, n: number): string;
  /** Business days in (from, to] going forward, or minus those in [to, from) going back: the inverse of addBusinessDays. */
  businessDaysBetween(from: string, to: string): number;
  /** `date` if it is a business day, else the next one (LFPA art. 29). */
  rollForward(date: string): string;
  /** The holidays of a year under this reading (overlays not included). */
  holidaysOf(year: number): Holiday[];
}
