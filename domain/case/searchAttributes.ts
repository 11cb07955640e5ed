/**
 * What an operator can find cases by in the Temporal UI and CLI (docs/operations-queries.md): the
 * procedure's phase, whether a deadline is missed, the next due instant, the rule pack. Never a child's
 * data: names, birth dates and places stay in the encrypted payloads; these values are stored in clear.
 */
import { upcoming } from './upcoming';
import type { CaseState } from './state';

/** Registered on the server under these names and types (scripts, dev/temporalServer.ts, app/searchAttributes.ts). */
export const CASE_SEARCH_ATTRIBUTES = {
  phase: { name: 'PlazoPhase', type: 'KEYWORD' },
  status: { name: 'PlazoStatus', type: 'KEYWORD' },
  nextDue: { name: 'PlazoNextDue', type: 'DATETIME' },
  rulePack: { name: 'PlazoRulePack', type: 'KEYWORD' },
} as const;

/** `missed`: at least one deadline passed unmet and is still live (it needs someone now). */
export type CaseSearchStatus = 'open' | 'missed' | 'closed';

export interface CaseSearchValues {
  phase: string;
  status: CaseSearchStatus;
  /** The earliest due instant among live deadlines (a missed one's lies in the past); null when none is live. */
  nextDue: string | null;
  rulePack: string;
}

export function caseSearchValues(s: CaseState): CaseSearchValues {
  const live = s.closed ? [] : upcoming(s);
  return {
    phase: s.phase,
    status: s.closed ? 'closed' : live.some((d) => d.status === 'missed') ? 'missed' : 'open',
    nextDue: live[0]?.dueInstant ?? null,
    rulePack: s.rulePack,
  };
}
