/** The preview of an acuerdo: which open cases' deadlines the recount would move, computed without changing anything. */
import { getRulePack, type Overlay } from '../../domain';
import { recountRequests } from '../../domain/case/recount';
import { computeCaseDeadline } from '../../domain/caseDeadline';
import { loadOverlays } from '../../db/overlays';
import { stateQuery } from '../../workflows/caseDefinitions';
import type { AppDeps } from '../appDeps';
import { caseHandle } from '../cases/caseWrite';
import { casesTouching } from '../overlays/signalCasesTouching';

export interface ClosureChange {
  caseId: string;
  deadlineId: string;
  ruleId: string;
  title: string;
  from: { due: string; dueLatest: string };
  to: { due: string; dueLatest: string };
}

/**
 * Each live deadline of each case the new overlays touch, counted as the recount will count it (the case's
 * own rule pack, office and requests, read from the case itself) with the overlays in force plus these.
 */
export async function closureChanges(deps: AppDeps, added: Overlay[]): Promise<{ changes: ClosureChange[]; unreadable: string[] }> {
  const ids = new Set(added.map((o) => o.id));
  const overlays = [...(await loadOverlays(deps.db)).filter((o) => !ids.has(o.id)), ...added];
  const changes: ClosureChange[] = [];
  // A case whose workflow does not answer is still recounted on load (the signal waits for it): say it was not previewed.
  const unreadable: string[] = [];
  for (const caseId of await casesTouching(deps.db, added)) {
    let s;
    try {
      s = await caseHandle(deps, caseId).query(stateQuery);
    } catch (err) {
      deps.logger.warn({ caseId, err: (err as Error).message }, 'could not read a case to preview an acuerdo');
      unreadable.push(caseId);
      continue;
    }
    const pack = getRulePack(s.rulePack);
    for (const req of recountRequests(s)) {
      const was = s.deadlines.find((d) => d.deadlineId === req.deadlineId)!;
      const now = computeCaseDeadline(pack, overlays, s.office, req);
      if (now.dueInstant === was.dueInstant && now.dueLatestInstant === was.dueLatestInstant) continue;
      changes.push({ caseId, deadlineId: was.deadlineId, ruleId: was.ruleId, title: was.title, from: { due: was.due, dueLatest: was.dueLatest }, to: { due: now.due, dueLatest: now.dueLatest } });
    }
  }
  return { changes, unreadable };
}
