/** An overlay entered wrong (admins): its body replaced (the old one kept on the row), every case it touched or touches recounted. */
import { OverlaySchema, type Overlay } from '../../domain';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { listedOfficeName } from '../lists/intakeLists';
import type { OverlayCorrectionBody } from '../schemas';
import { addedOverlay } from './addedOverlay';
import { signalCasesTouching } from './signalCasesTouching';

export async function correctOverlay(deps: AppDeps, user: AuthUser, id: string, body: OverlayCorrectionBody): Promise<{ overlay: unknown; casesNotified: string[] }> {
  assertCan(user, 'manage_overlays');
  const row = await addedOverlay(deps.db, id);
  const overlay = OverlaySchema.parse(body.overlay);
  if (overlay.id !== id) throw new ApiError(422, 'invalid_request', `a correction keeps the id '${id}'`, 'overlay.id');
  if (overlay.scope.office !== undefined) await listedOfficeName(deps.db, overlay.scope.office, 'overlay.scope.office');
  const corrections = [...((row.corrections ?? []) as unknown[]), { at: new Date().toISOString(), by: user.id, reason: body.reason, previous: row.body }];
  await deps.db.updateTable('overlays').set({ body: JSON.stringify(overlay), corrections: JSON.stringify(corrections) }).where('id', '=', id).execute();
  return { overlay, casesNotified: await signalCasesTouching(deps, [row.body as Overlay, overlay]) };
}
