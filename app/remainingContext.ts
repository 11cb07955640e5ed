/** The context every read computes time left in: the overlays in force, now, their offices named as the office list names them. */
import { loadOffices } from '../db/adminLists';
import type { Db } from '../db/database';
import { loadOverlays } from '../db/overlays';
import { withListedOffices } from '../domain/lists/offices';
import { remainingContext, type RemainingContext } from './remaining';

export async function contextFor(db: Db): Promise<RemainingContext> {
  return remainingContext(withListedOffices(await loadOverlays(db), await loadOffices(db)));
}
