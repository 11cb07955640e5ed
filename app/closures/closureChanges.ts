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
export async function closureChanges(deps: AppDeps, added: Overlay[]): Promise<ClosureChange[]> {
  const ids = new Set(added.map((o) => o.id));
  const overlays = [...(await loadOverlays(deps.db)).filter((o) => !ids.has(o.id)), ...added];
  const changes: ClosureChange[] = [];
  for (const caseId of await casesTouching(deps.db, added)) {
    const s = await caseHandle(deps, caseId).query(stateQuery);
    const pack = getRulePack(s.rulePack);
    for (const req of recountRequests(s)) {
      const was = s.deadlines.find((d) => d.deadlineId === req.deadlineId)!;
      const now = computeCaseDeadline(pack, overlays, s.office, req);
      if (now.dueInstant === was.dueInstant && now.dueLatestInstant === was.dueLatestInstant) continue;
      changes.push({ caseId, deadlineId: was.deadlineId, ruleId: was.ruleId, title: was.title, from: { due: was.due, dueLatest: was.dueLatest }, to: { due: now.due, dueLatest: now.dueLatest } });
    }
  }
  return changes;
}
