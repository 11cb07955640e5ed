/** Stores a DOF closure or suspension (admins) and tells every open case whose live deadlines it may move. */
import { OverlaySchema, SEED_OVERLAYS } from '../../domain';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { listedOfficeName } from '../lists/intakeLists';
import type { OverlayBody } from '../schemas';
import { signalCasesTouching } from './signalCasesTouching';

export async function addOverlay(deps: AppDeps, user: AuthUser, body: OverlayBody): Promise<{ overlay: unknown; casesNotified: string[] }> {
  assertCan(user, 'manage_overlays');
  const overlay = OverlaySchema.parse(body);
  // An office the list does not know would scope the overlay to no case: refused as the intake refuses it.
  if (overlay.scope.office !== undefined) await listedOfficeName(deps.db, overlay.scope.office, 'scope.office');
  const taken = SEED_OVERLAYS.some((o) => o.id === overlay.id) || (await deps.db.selectFrom('overlays').select('id').where('id', '=', overlay.id).executeTakeFirst());
  if (taken) throw new ApiError(409, 'conflict', `an overlay '${overlay.id}' already exists`, 'id');
  await deps.db.insertInto('overlays').values({ id: overlay.id, body: JSON.stringify(overlay), created_by: user.id }).execute();
  return { overlay, casesNotified: await signalCasesTouching(deps, [overlay]) };
}
