import { sql, type SqlBool } from 'kysely';
import { liveDeadlinesOfCases } from '../../db/queries/liveDeadlines';
import type { Overlay } from '../../domain';
import { overlaysChangedSignal } from '../../workflows/caseDefinitions';
import type { Db } from '../../db/database';
import type { AppDeps } from '../appDeps';
import { caseHandle } from '../cases/caseWrite';

/** The open cases with a live deadline whose counting period one of the overlays touches, sorted. */
export async function casesTouching(db: Db, overlays: Overlay[]): Promise<string[]> {
  const touched = new Set<string>();
  for (const overlay of overlays) {
    // Every open case, whoever holds it: the overlay changes the law's calendar for all of them.
    const rows = await liveDeadlinesOfCases(db, sql<SqlBool>`true`)
      .select('cases.id')
      .distinct()
      .where('case_deadlines.due_latest', '>=', overlay.start)
      .where((eb) => eb.fn('left', [eb.ref('case_deadlines.trigger'), eb.lit(10)]), '<=', overlay.end)
      .execute();
    for (const r of rows) touched.add(r.id);
  }
  return [...touched].sort();
}

/** Tells every open case with a live deadline whose counting period an overlay (old or new version) touches. */
export async function signalCasesTouching(deps: AppDeps, overlays: Overlay[]): Promise<string[]> {
  const notified: string[] = [];
  for (const id of await casesTouching(deps.db, overlays)) {
    try {
      await caseHandle(deps, id).signal(overlaysChangedSignal, { overlayId: overlays[0]!.id });
      notified.push(id);
    } catch (err) {
      deps.logger.warn({ caseId: id, err: (err as Error).message }, 'could not signal a case about an overlay change');
    }
  }
  return notified;
}
