/** The years each authority has a yearly acuerdo of non-business days loaded for (seed and added, in force). */
import { loadOverlays } from '../../db/overlays';
import type { Db } from '../../db/database';
import { AGENCIES } from '../../domain';
import { loadedYears } from '../../domain/calendar/loadedClosures';

export async function loadedByAuthority(db: Db): Promise<Map<string, number[]>> {
  const overlays = await loadOverlays(db);
  return new Map(AGENCIES.map((a) => [a as string, [...loadedYears(overlays, { agency: a })].sort((x, y) => x - y)]));
}
