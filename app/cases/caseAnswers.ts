/** What a case command answers with, chosen by the face: the API's case view, or nothing for a web redirect. */
import { can } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { caseView, rowsFromState } from '../caseViews';
import type { Lang } from '../remaining';
import { contextFor } from '../remainingContext';
import type { CaseView } from '../schemas';
import type { Answer } from './caseWrite';
import { findCase } from './findCase';
import { loadCaseView } from './loadCaseView';

/**
 * The case as the read model holds it once it shows the write; if the projection is late, the state the
 * workflow answered with, in the same shape.
 */
export const caseViewAnswer = (deps: AppDeps, user: AuthUser, lang: Lang): Answer<CaseView> => ({
  kind: 'case_view',
  async of({ caseId, seq, state: stateNow, projected }) {
    if (projected) return loadCaseView(deps.db, user, caseId, lang, deps.links);
    deps.logger.warn({ caseId, version: seq }, 'read model did not catch up in time; answering from the workflow state');
    const state = await stateNow();
    const caseRow = await findCase(deps.db, user, caseId);
    const stored = await deps.db.selectFrom('case_deadlines').select(['deadline_id', 'sequence']).where('case_id', '=', caseId).execute();
    const rows = rowsFromState(state, { caseRow, sequences: new Map(stored.map((r) => [r.deadline_id, r.sequence])) });
    return caseView(rows.caseRow, rows.deadlines, await contextFor(deps.db), lang, deps.links, can(user, 'use_codec'));
  },
});

/** For a face that shows the case on its next page (the web's 303): the write is done and projected, nothing is built. */
export const doneAnswer: Answer<{ caseId: string }, { caseId: string }> = { kind: 'done', of: async ({ caseId }) => ({ caseId }) };
