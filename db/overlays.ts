import { parseOverlays, SEED_OVERLAYS, type Overlay } from '../domain';
import type { Db } from './database';

/**
 * Seed overlays plus the DOF closures admins added and did not withdraw; read fresh so a change reaches
 * every case. One loader for the worker's activities and the API (which never imports activities/).
 */
export async function loadOverlays(db: Db): Promise<Overlay[]> {
  const rows = await db.selectFrom('overlays').select(['body']).where('withdrawn_at', 'is', null).orderBy('id').execute();
  return [...SEED_OVERLAYS, ...parseOverlays(rows.map((r) => r.body))];
}
