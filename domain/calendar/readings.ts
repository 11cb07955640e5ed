/**
 * Readings: how one term is counted. `due` comes from the GOVERNING calendar of the rule (for COMAR and
 * INM: LFPA art. 28 as written, plus the closures declared for that agency and office). Where the law
 * itself is ambiguous — LFPA's transmission day, 1 Dec as written vs 1 Oct since the 2024 reform — each
 * legitimate reading is counted and `due` is the earlier. `dueLatest` comes from one more calendar, the
 * union of every calendar that may apply plus the usual closures not yet loaded as data: it never drops
 * a non-business day of the governing calendar, so it is never earlier than `due`.
 */
import type { Overlay } from '../overlays';
import { buildCalendar, buildUnionCalendar } from './businessCalendar';
import type { BusinessCalendar, CalendarId, TransmissionReading } from './types';
import type { RulePack } from '../rules/rulePackSchema';
import type { UsualClosureSet } from './usualClosures';

type TfjaJuly = RulePack['tfjaJulyVacation'];

export interface ReadingSpec {
  /** Stable id, e.g. 'lfpa-art28/as-written', or 'latest' for the union. */
  id: string;
  calendar: CalendarId;
  transmission: TransmissionReading;
  role: 'governing' | 'latest';
}

type Part = { id: CalendarId; transmission: TransmissionReading };
const LFPA: Part[] = [
  { id: 'lfpa-art28', transmission: 'as-written' },
  { id: 'lfpa-art28', transmission: 'actual' },
];

/** Calendars whose closures may also apply on top of the governing one (for `dueLatest`). */
const LATEST_PARTS: Record<CalendarId, { parts: Part[]; usual: UsualClosureSet }> = {
  'lfpa-art28': { parts: [...LFPA, { id: 'lft-art74', transmission: 'as-written' }], usual: 'federal-administration' },
  'lft-art74': { parts: [{ id: 'lft-art74', transmission: 'as-written' }, ...LFPA], usual: 'federal-administration' },
  // The former Ley de Amparo art. 23 and the CJF's acuerdos also closed the LFT Mondays.
  'amparo-art19': { parts: [{ id: 'amparo-art19', transmission: 'as-written' }, { id: 'lft-art74', transmission: 'as-written' }], usual: 'court' },
  // The TFJA's 2026 acuerdo also closed 14 Sep and 12 Oct, the amparo courts' days.
  tfja: { parts: [{ id: 'tfja', transmission: 'as-written' }, { id: 'amparo-art19', transmission: 'as-written' }], usual: 'court' },
};

/** The governing readings (LFPA: both transmission readings, the text's first; it wins ties). */
export function readingSpecs(governing: CalendarId): ReadingSpec[] {
  const own: ReadingSpec[] =
    governing === 'lfpa-art28'
      ? [
          { id: 'lfpa-art28/as-written', calendar: governing, transmission: 'as-written', role: 'governing' },
          { id: 'lfpa-art28/actual-transmission', calendar: governing, transmission: 'actual', role: 'governing' },
        ]
      : [{ id: governing, calendar: governing, transmission: 'as-written', role: 'governing' }];
  return [...own, { id: 'latest', calendar: governing, transmission: 'as-written', role: 'latest' }];
}

export interface ReadingCalendar extends ReadingSpec {
  cal: BusinessCalendar;
}

export function buildReadingCalendars(
  governing: CalendarId,
  opts: { overlays?: readonly Overlay[]; agency?: string; office?: string; ruleId?: string; tfjaJulyVacation?: TfjaJuly },
): ReadingCalendar[] {
  const { parts, usual } = LATEST_PARTS[governing];
  // Packs from mx-2027.1 start the TFJA's July vacation at its earliest plausible day.
  const usualSet = governing === 'tfja' && opts.tfjaJulyVacation === 'earliest-plausible' ? 'tfja' : usual;
  return readingSpecs(governing).map((spec) => ({
    ...spec,
    cal:
      spec.role === 'latest'
        ? buildUnionCalendar(governing, parts, usualSet, opts)
        : buildCalendar(spec.calendar, { ...opts, transmissionReading: spec.transmission }),
  }));
}
