/** The append-only audit record (migration 0004): one row per read or write, by HTTP or the command line. */
import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable } from './accessSchema';
import type { Database } from './schema';

export type AuditEntry = Omit<Insertable<AuditLogTable>, 'detail'> & { detail?: unknown };

/** Writes one audit row; `detail` is stored as JSON. Runs in the caller's transaction when given one. */
export async function recordAudit(db: Pick<Kysely<Database>, 'insertInto'>, entry: AuditEntry): Promise<void> {
  const { detail, ...row } = entry;
  await db
    .insertInto('audit_log')
    .values({ ...row, detail: detail === undefined || detail === null ? null : JSON.stringify(detail) })
    .execute();
}
