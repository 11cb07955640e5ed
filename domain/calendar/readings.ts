/**
 * Readings: the calendars a court could apply to one term. LFPA art. 28 is the law for federal
 * administrative terms, but (a) its transmission day (1 Dec) no longer matches the real one (1 Oct
 * since 2024), and (b) offices often close on the LFT art. 74 Mondays instead. We count the same
 * term under each reading, act on the earliest date and show the latest beside it.
 */
import type { Overlay } from '../overlays';
import { buildCalendar } from './businessCalendar';
import type { BusinessCalendar, CalendarId, TransmissionReading } from './types';

export interface ReadingSpec {
  /** Stable id, e.g. 'lfpa-art28/as-written'. */
  id: string;
  calendar: CalendarId;
  transmission: TransmissionReading;
}

const ALL: readonly ReadingSpec[] = [
  { id: 'lfpa-art28/as-written', calendar: 'lfpa-art28', transmission: 'as-written' },
  { id: 'lfpa-art28/actual-transmission', calendar: 'lfpa-art28', transmission: 'actual' },
  // LFT art. 74 already names the actual day (1 Oct) since DOF 30-09-2024: one reading is enough.
  { id: 'lft-art74', calendar: 'lft-art74', transmission: 'as-written' },
];

/** The three readings, the primary calendar's first (it wins ties). */
export function readingSpecs(primary: CalendarId): ReadingSpec[] {
  return [...ALL.filter((r) => r.calendar === primary), ...ALL.filter((r) => r.calendar !== primary)];
}

export interface ReadingCalendar extends ReadingSpec {
  cal: BusinessCalendar;
}

export function buildReadingCalendars(
  primary: CalendarId,
  opts: { overlays?: readonly Overlay[]; agency?: string; office?: string; ruleId?: string },
): ReadingCalendar[] {
  return readingSpecs(primary).map((spec) => ({
    ...spec,
    cal: buildCalendar(spec.calendar, { ...opts, transmissionReading: spec.transmission }),
  }));
}
