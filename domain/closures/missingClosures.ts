/**
 * The yearly check (from 1 December): which authorities the open cases count with have no acuerdo of
 * non-business days loaded for next year. Without it their terms through next year warn and `due` may be
 * early; admins should load it (DOF) before January. Pure: the day is passed in.
 */
import { loadedYears } from '../calendar/loadedClosures';
import type { Overlay } from '../overlays';

/** An authority the open cases count with, and the offices they name (empty: none given). */
export interface AuthorityInUse {
  agency: string;
  offices: string[];
}

/** The check starts on this day of the year (MM-DD). */
export const CLOSURES_CHECK_FROM = '12-01';

export interface MissingClosures {
  /** The year whose acuerdos are missing. */
  year: number;
  missing: AuthorityInUse[];
}

/** `today` YYYY-MM-DD (Mexico City). Before 1 Dec: null (nothing to check yet). */
export function missingClosuresFor(today: string, inUse: readonly AuthorityInUse[], overlays: readonly Overlay[]): MissingClosures | null {
  if (today.slice(5) < CLOSURES_CHECK_FROM) return null;
  const year = Number(today.slice(0, 4)) + 1;
  // The authority-wide acuerdo is what counts: an office's own closures do not make the year loaded.
  const missing = inUse.filter((a) => !loadedYears(overlays, { agency: a.agency }).has(year));
  return { year, missing: [...missing].sort((a, b) => a.agency.localeCompare(b.agency)) };
}
