/**
 * Keeps a case's search attributes (domain/case/searchAttributes.ts) current from inside the workflow.
 * Only for cases started with `searchAttributes: true` (the server has them registered: the time-skipping
 * server cannot register any) and behind a patch, so histories recorded before it replay unchanged.
 */
import { defineSearchAttributeKey } from '@temporalio/common';
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { CASE_SEARCH_ATTRIBUTES as A, caseSearchValues } from '../domain/case/searchAttributes';
import type { CaseState } from '../domain/case/state';

export const CASE_SEARCH_KEYS = {
  phase: defineSearchAttributeKey(A.phase.name, A.phase.type),
  status: defineSearchAttributeKey(A.status.name, A.status.type),
  nextDue: defineSearchAttributeKey(A.nextDue.name, A.nextDue.type),
  rulePack: defineSearchAttributeKey(A.rulePack.name, A.rulePack.type),
};

export const SEARCH_ATTRIBUTES_PATCH = 'case-search-attributes';

/** Returns the hook the workflow calls whenever its state may have changed; it upserts only what changed. */
export function searchAttributesKeeper(enabled: boolean | undefined): (s: CaseState) => void {
  let last: string | undefined;
  return (s) => {
    if (enabled !== true || !patched(SEARCH_ATTRIBUTES_PATCH)) return;
    const v = caseSearchValues(s);
    const key = JSON.stringify(v);
    if (key === last) return; // an upsert is a history event: only on change
    last = key;
    upsertSearchAttributes([
      { key: CASE_SEARCH_KEYS.phase, value: v.phase },
      { key: CASE_SEARCH_KEYS.status, value: v.status },
      { key: CASE_SEARCH_KEYS.nextDue, value: v.nextDue === null ? null : new Date(v.nextDue) },
      { key: CASE_SEARCH_KEYS.rulePack, value: v.rulePack },
    ]);
  };
}
