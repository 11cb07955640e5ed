import type { Db } from '../../db/database';
import type { AuthUser } from '../auth';
import { parsePublicDeadlineId, type CaseRow } from '../caseViews';
import { notFound } from '../errors';
import { findCase } from '../cases/findCase';

/** The access filter of the deadline commands: the case and deadline a public deadline id names, if the caller may see them (404 otherwise). */
export async function deadlineOf(db: Db, user: AuthUser, publicId: string): Promise<{ row: CaseRow; deadlineId: string }> {
  const ref = parsePublicDeadlineId(publicId);
  if (!ref) throw notFound(`no deadline '${publicId}' (ids look like C-2026-AB12CD:comar_decision)`);
  const row = await findCase(db, user, ref.caseId).catch(() => {
    throw notFound(`no deadline '${publicId}'`);
  });
  const d = await db.selectFrom('case_deadlines').select('deadline_id').where('case_id', '=', row.id).where('deadline_id', '=', ref.deadlineId).executeTakeFirst();
  if (!d) throw notFound(`no deadline '${publicId}'`);
  return { row, deadlineId: ref.deadlineId };
}
