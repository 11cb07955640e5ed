/**
 * The zones a person may read times in (their preference; emails, pages and the calendar feed write
 * instants in it). Mexico's own clocks: most of the country keeps Mexico City's, Baja California
 * (Tijuana) and Quintana Roo (Cancún) keep others. Days of the law stay Mexico City days whatever the zone.
 */
import { MX_ZONE } from './instant';

export const PERSON_ZONES = [MX_ZONE, 'America/Tijuana', 'America/Cancun', 'America/Hermosillo', 'America/Mazatlan', 'America/Chihuahua'] as const;
export type PersonZone = (typeof PERSON_ZONES)[number];
export const DEFAULT_PERSON_ZONE: PersonZone = MX_ZONE;
