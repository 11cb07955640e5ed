/**
 * How runs recorded before the IANA zone read Mexico City days: a fixed UTC−6, right only since Mexico
 * ended daylight saving (Oct 2022). Kept so those runs replay exactly what they decided; new runs take
 * the zone (caseWorkflow's patch 'mexico-city-iana-zone'). The one fixed offset allowed in the code
 * (test/noFixedMexicoOffset.test.ts).
 */
import type { MexicoTime } from './transitions';

const FIXED_OFFSET_MS = 6 * 3_600_000;
const DAY_MS = 86_400_000;

const whenToMs = (when: string) => (/^\d{4}-\d{2}-\d{2}$/.test(when) ? Date.parse(`${when}T00:00:00-06:00`) : Date.parse(when));

export const LEGACY_FIXED_OFFSET: MexicoTime = {
  whenToMs,
  dayStartMs: (when) => Math.floor((whenToMs(when) - FIXED_OFFSET_MS) / DAY_MS) * DAY_MS + FIXED_OFFSET_MS,
};
