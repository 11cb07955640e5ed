import { SEED_OVERLAYS } from '../../domain';
import type { Db } from '../../db/database';
import { ApiError, notFound } from '../errors';

/** An overlay an admin added and has not withdrawn (seed overlays ship with the release): what may be corrected or withdrawn. */
export async function addedOverlay(db: Db, id: string) {
  if (SEED_OVERLAYS.some((o) => o.id === id)) throw new ApiError(422, 'invalid_request', `'${id}' ships with Plazo's rule data; it is changed by a release, not here`, 'id');
  const row = await db.selectFrom('overlays').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`no overlay '${id}'`);
  if (row.withdrawn_at) throw new ApiError(422, 'invalid_request', `'${id}' was already withdrawn`, 'id');
  return row;
}
