/**
 * What a restore from an older backup loses: every write the surviving audit log (the old database, or a
 * copy of it) recorded after the backup's consistent instant. Reads only; `plazo restore --list-lost`.
 */
import type { Db } from '../../db/database';

export interface LostWrite {
  at: Date;
  userId: string | null;
  action: string;
  caseId: string | null;
  method: string;
  path: string;
  status: number;
}

/** Writes (not reads, not refusals) after `since`, oldest first: what must be entered again by hand. */
export async function lostWrites(db: Db, since: Date): Promise<LostWrite[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'user_id', 'action', 'case_id', 'method', 'path', 'status'])
    .where('at', '>', since)
    .where('method', 'not in', ['GET', 'HEAD', 'OPTIONS'])
    .where('status', '<', 400)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: r.at, userId: r.user_id, action: r.action, caseId: r.case_id, method: r.method, path: r.path, status: r.status }));
}
