/**
 * The TFJA's calendar for the juicio de nulidad. LFPCA art. 74 fr. II: terms in days count only the
 * days on which the Salas are open to the public. Which days they close is set each year by an acuerdo
 * of the Tribunal's Pleno published in the DOF (e.g. DOF 12-01-2026), so the base here is only what is
 * certain every year — weekends and the Calendario Oficial (LFT art. 74) days, all of which the 2026
 * acuerdo closes — and each year's acuerdo comes in as TFJA overlays (seedOverlays.ts). A year whose
 * acuerdo is not loaded gets a warning on every deadline that counts through it.
 */
import { lftHolidays } from './lftArt74';
import type { Holiday } from './types';

export function tfjaHolidays(year: number): Holiday[] {
  return lftHolidays(year).map((h) => ({ ...h, source: `${h.source}, closed by the TFJA every year` }));
}
