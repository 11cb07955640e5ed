/** The DOF closures and suspensions: those shipped with the rule data and those admins added. */
import type { Db } from '../../db/database';
import { SEED_OVERLAYS, type Overlay } from '../../domain';
import type { OverlayView } from '../schemas';

export async function listOverlays(db: Db): Promise<OverlayView[]> {
  const stored = await db.selectFrom('overlays').selectAll().orderBy('created_at').execute();
  return [
    ...SEED_OVERLAYS.map((o): OverlayView => ({ overlay: o, source: 'seed', createdBy: null, createdAt: null, withdrawn: null })),
    ...stored.map(
      (r): OverlayView => ({
        overlay: r.body as Overlay,
        source: 'added',
        createdBy: r.created_by,
        createdAt: r.created_at.toISOString(),
        withdrawn: r.withdrawn_at ? { by: r.withdrawn_by ?? '', at: r.withdrawn_at.toISOString(), reason: r.withdraw_reason ?? '' } : null,
      }),
    ),
  ];
}
