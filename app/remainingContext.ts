/** The context every read computes time left in: the overlays in force, now. */
import type { Db } from '../db/database';
import { loadOverlays } from '../db/overlays';
import { remainingContext, type RemainingContext } from './remaining';

export async function contextFor(db: Db): Promise<RemainingContext> {
  return remainingContext(await loadOverlays(db));
}
