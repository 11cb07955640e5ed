/**
 * What a rule pack would change on each open case, computed without changing anything: each case's state
 * is read (a query), rebuilt under the pack with the same model and deadline computation the case workflow
 * uses (domain/case/packMove.ts, domain/caseDeadline.ts), and compared deadline by deadline.
 */
import { getRulePack, isDomainInputError, RULE_PACKS } from '../../domain';
import { computeCaseDeadline, summarizeRules } from '../../domain/caseDeadline';
import { intakeOf, packChanges, rebuildUnderPack, rejectPackMove, type PackChange } from '../../domain/case/packMove';
import { packReasons } from '../../domain/rules/packChangelog';
import { loadOverlays } from '../../db/overlays';
import { stateQuery } from '../../workflows/caseDefinitions';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { caseHandle } from '../cases/caseWrite';
import { fromTemporal } from '../errors';
import { packCases, targetPack } from './packCases';

export interface CaseDryRun {
  caseId: string;
  from: string;
  changes: PackChange[];
  /** Why the case cannot be moved (then `changes` is empty). */
  error?: string;
}

/** Every open case the pack would change (its deadlines, or only the pack it names), with each change. */
export async function packDryRun(deps: AppDeps, user: AuthUser, to: string, caseIds?: string[]): Promise<CaseDryRun[]> {
  const pack = targetPack(to);
  const ids = await packCases(deps.db, user, caseIds);
  const overlays = await loadOverlays(deps.db);
  const rules = summarizeRules(pack);
  const out: CaseDryRun[] = [];
  for (const caseId of ids) {
    const s = await caseHandle(deps, caseId).query(stateQuery).catch((err) => Promise.reject(fromTemporal(err, caseId)));
    const refused = rejectPackMove(s, { to: pack.version, by: user.id });
    if (refused) {
      out.push({ caseId, from: s.rulePack, changes: [], error: refused });
      continue;
    }
    const compute = async (x: typeof s, requests: Parameters<typeof computeCaseDeadline>[3][]) => requests.map((req) => computeCaseDeadline(getRulePack(x.rulePack), overlays, x.office, req));
    try {
      const rebuilt = await rebuildUnderPack(intakeOf(s), s, { rulePack: pack.version, rules }, { compute, now: () => Date.now() });
      const changes = packChanges(s, rebuilt, packReasons(getRulePack(s.rulePack), pack, RULE_PACKS));
      if (changes.length > 0 || s.rulePack !== pack.version) out.push({ caseId, from: s.rulePack, changes });
    } catch (err) {
      if (!isDomainInputError(err)) throw err;
      out.push({ caseId, from: s.rulePack, changes: [], error: `${err.field}: ${err.message}` });
    }
  }
  return out;
}
