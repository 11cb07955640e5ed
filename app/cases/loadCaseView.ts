/** One case as the API answers it and the case page shows it. */
import type { Db } from '../../db/database';
import { can } from '../access';
import type { AuthUser } from '../auth';
import { caseView, type Links } from '../caseViews';
import { type Lang, type RemainingContext } from '../remaining';
import type { CaseView } from '../schemas';
import { contextFor } from '../remainingContext';
import { stoppedIncidentOf } from '../../db/engineIncidents';
import { findCase } from './findCase';
import { deadlinesOf } from './deadlinesOf';

export async function loadCaseView(db: Db, user: AuthUser, id: string, lang: Lang, links: Links, ctx?: RemainingContext): Promise<CaseView> {
  const row = await findCase(db, user, id);
  const [deadlines, stopped] = await Promise.all([deadlinesOf(db, [row.id]), stoppedIncidentOf(db, row.id)]);
  const engineStopped = stopped && { kind: stopped.kind, since: stopped.since.toISOString(), detectedAt: stopped.detectedAt.toISOString() };
  return { ...caseView(row, deadlines, ctx ?? (await contextFor(db)), lang, links, can(user, 'use_codec')), engineStopped };
}
