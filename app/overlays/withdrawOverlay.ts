/** An overlay that should not count (admins): withdrawn (kept, with who and why), every case it touched recounted. */
import type { Overlay } from '../../domain';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { addedOverlay } from './addedOverlay';
import { signalCasesTouching } from './signalCasesTouching';

export async function withdrawOverlay(deps: AppDeps, user: AuthUser, id: string, reason: string): Promise<{ overlay: unknown; casesNotified: string[] }> {
  assertCan(user, 'manage_overlays');
  const row = await addedOverlay(deps.db, id);
  await deps.db.updateTable('overlays').set({ withdrawn_at: new Date(), withdrawn_by: user.id, withdraw_reason: reason }).where('id', '=', id).execute();
  return { overlay: row.body, casesNotified: await signalCasesTouching(deps, [row.body as Overlay]) };
}
