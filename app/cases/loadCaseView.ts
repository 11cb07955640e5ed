/** One case as the API answers it and the case page shows it. */
import type { Db } from '../../db/database';
import { can } from '../access';
import type { AuthUser } from '../auth';
import { caseView, type Links } from '../caseViews';
import { type Lang, type RemainingContext } from '../remaining';
import type { CaseView } from '../schemas';
import { contextFor } from '../remainingContext';
import { findCase } from './findCase';
import { deadlinesOf } from './deadlinesOf';

export async function loadCaseView(db: Db, user: AuthUser, id: string, lang: Lang, links: Links, ctx?: RemainingContext): Promise<CaseView> {
  const row = await findCase(db, user, id);
  return caseView(row, await deadlinesOf(db, [row.id]), ctx ?? (await contextFor(db)), lang, links, can(user, 'use_codec'));
}
