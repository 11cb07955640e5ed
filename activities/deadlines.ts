import { ApplicationFailure } from '@temporalio/common';
import { isDomainInputError, RULE_PACKS, type RulePack } from '../domain';
import type { ComputedDeadline, RuleSummary } from '../domain/case/state';
import { summarizeRules } from '../domain/caseDeadline';
import type { Db } from '../db/database';
import { loadOffices } from '../db/adminLists';
import { loadOverlays } from '../db/overlays';
import { deadlineCounter } from '../domain/lists/officeDeadlines';
import { packReasons, type PackReasons } from '../domain/rules/packChangelog';

export type { DeadlineRequest } from '../domain/caseDeadline';
import type { DeadlineRequest } from '../domain/caseDeadline';

export interface ComputeDeadlinesInput {
  rulePack: string;
  office?: string;
  requests: DeadlineRequest[];
}

/** Rule packs by version: a case keeps the version it was opened under. */
const PACKS: Record<string, RulePack> = Object.fromEntries(RULE_PACKS.map((p) => [p.version, p]));

function packOf(version: string): RulePack {
  const pack = PACKS[version];
  if (!pack) throw ApplicationFailure.nonRetryable(`rulePack: unknown version '${version}' (known: ${Object.keys(PACKS).join(', ')})`, 'UnknownRulePack');
  return pack;
}


export function createDeadlineActivities({ db }: { db: Db }) {
  return {
    /** The rule pack as the workflow needs it: which events open and meet which deadline. */
    async loadRules(version: string): Promise<RuleSummary[]> {
      return summarizeRules(packOf(version));
    },

    /** What moving a case from one pack to another needs: the new pack's rules and the reason for each rule. */
    async loadPackMove({ from, to }: { from: string; to: string }): Promise<{ rules: RuleSummary[]; reasons: PackReasons }> {
      const target = packOf(to);
      return { rules: summarizeRules(target), reasons: packReasons(packOf(from), target, RULE_PACKS) };
    },

    /**
     * Due dates and reminder ladders, computed here so that the workflow sees them as recorded results:
     * a later change of holidays, overlays, offices or code never changes a replay. The office's filing
     * hours and zone reach the workflow only inside these results (ComputedDeadline.filing).
     */
    async computeDeadlines(input: ComputeDeadlinesInput): Promise<ComputedDeadline[]> {
      const count = deadlineCounter(packOf(input.rulePack), await loadOffices(db), await loadOverlays(db), input.office);
      return input.requests.map((req) => {
        try {
          return count(req);
        } catch (err) {
          if (isDomainInputError(err)) throw ApplicationFailure.nonRetryable(`${req.deadlineId}: ${err.field}: ${err.message}`, 'InvalidDeadline');
          throw err;
        }
      });
    },
  };
}

