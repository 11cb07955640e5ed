/**
 * Loads a year's acuerdo of non-business days (admins): stored as annual closure overlays, then every open
 * case it touches is recounted through the overlay signal (each moved deadline is emailed by the case).
 * `preview` computes the same changes and stores nothing. Loading the same acuerdo again changes nothing.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { OverlaySchema, type Overlay } from '../../domain';
import { closureYearOverlays, closureYearPrefix, type ClosureYear } from '../../domain/closures/closureYear';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { listedOfficeName } from '../lists/intakeLists';
import { signalCasesTouching } from '../overlays/signalCasesTouching';
import { closureChanges, type ClosureChange } from './closureChanges';

export interface ClosuresResult {
  overlays: Overlay[];
  /** This acuerdo was already loaded with the same days: nothing stored, no case told. */
  alreadyLoaded: boolean;
  /** What the recount moves (preview) or will move (load), case by case. */
  changes: ClosureChange[];
  /** Cases the acuerdo touches whose workflow did not answer the preview (they are still told on load). */
  unreadable: string[];
  /** Load only: the cases signalled to recount. */
  casesNotified?: string[];
}

/** An acuerdo for one office names an office of the list (the intake's check): a 422 naming 'office' otherwise. */
async function checkOffice(deps: AppDeps, y: ClosureYear): Promise<void> {
  if (y.office !== undefined) await listedOfficeName(deps.db, y.office, 'office');
}

/** Is this acuerdo in the database already: identical (true), absent (false), or loaded otherwise (refused). */
async function alreadyLoaded(db: Db, y: ClosureYear, overlays: Overlay[]): Promise<boolean> {
  const prefix = closureYearPrefix(y);
  const rows = await db.selectFrom('overlays').select(['id', 'body', 'withdrawn_at']).where('id', 'like', `${prefix}-%`).orderBy('id').execute();
  if (rows.length === 0) return false;
  const same = rows.length === overlays.length && rows.every((r, i) => !r.withdrawn_at && isDeepStrictEqual(OverlaySchema.parse(r.body), overlays[i]));
  if (same) return true;
  throw new ApiError(
    409,
    'conflict',
    `this acuerdo (${y.authority}${y.office ? ` ${y.office}` : ''} ${y.year}, DOF ${y.published}) is already loaded with other days (${rows.map((r) => r.id).join(', ')}): correct or withdraw those at /admin/overlays`,
    'dates',
  );
}

export async function previewClosures(deps: AppDeps, user: AuthUser, y: ClosureYear): Promise<ClosuresResult> {
  assertCan(user, 'manage_overlays');
  await checkOffice(deps, y);
  const overlays = closureYearOverlays(y);
  if (await alreadyLoaded(deps.db, y, overlays)) return { overlays, alreadyLoaded: true, changes: [], unreadable: [] };
  return { overlays, alreadyLoaded: false, ...(await closureChanges(deps, overlays)) };
}

export async function loadClosures(deps: AppDeps, user: AuthUser, y: ClosureYear): Promise<ClosuresResult> {
  assertCan(user, 'manage_overlays');
  await checkOffice(deps, y);
  const overlays = closureYearOverlays(y);
  const loaded = { overlays, alreadyLoaded: true, changes: [], unreadable: [], casesNotified: [] };
  if (await alreadyLoaded(deps.db, y, overlays)) return loaded;
  const { changes, unreadable } = await closureChanges(deps, overlays);
  // Two loads of one acuerdo at once (two admins, a retried request): the lock on its id prefix lets one
  // store it; the other then finds it stored and answers as a second load does, instead of a unique-key 500.
  const stored = await deps.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`closures:${closureYearPrefix(y)}`}))`.execute(tx);
    if (await alreadyLoaded(tx, y, overlays)) return false;
    // One statement: all of the acuerdo or none of it.
    await tx
      .insertInto('overlays')
      .values(overlays.map((o) => ({ id: o.id, body: JSON.stringify(o), created_by: user.id })))
      .execute();
    return true;
  });
  if (!stored) return loaded;
  return { overlays, alreadyLoaded: false, changes, unreadable, casesNotified: await signalCasesTouching(deps, overlays) };
}
