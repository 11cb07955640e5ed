import type { Db } from '../../db/database';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';

/** Every deadline in scope as CSV rows; the child's name only when asked for and allowed (the caller checks). */
export async function deadlineExportRows(db: Db, user: AuthUser, withNames: boolean): Promise<Record<string, string>[]> {
  const rows = await deadlinesInScope(db, user)
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select([
      'case_deadlines.case_id', 'cases.child_name', 'cases.office', 'users.name as caseworker', 'cases.phase', 'cases.detained', 'cases.closed_at',
      'case_deadlines.rule_id', 'case_deadlines.kind', 'case_deadlines.citation', 'case_deadlines.status', 'case_deadlines.late', 'case_deadlines.trigger',
      'case_deadlines.due', 'case_deadlines.due_latest', 'case_deadlines.due_instant',
    ])
    .orderBy('case_deadlines.case_id')
    .orderBy('case_deadlines.due_instant')
    .execute();
  return rows.map((r) => ({
    case_id: r.case_id,
    ...(withNames ? { child_name: r.child_name } : {}),
    office: r.office ?? '',
    caseworker: r.caseworker,
    phase: r.phase,
    detained: String(r.detained),
    case_closed: String(r.closed_at !== null),
    rule: r.rule_id,
    kind: r.kind,
    citation: r.citation,
    status: r.status,
    late: String(r.late),
    trigger: r.trigger,
    due: r.due,
    due_latest: r.due_latest,
    due_instant: r.due_instant.toISOString(),
  }));
}
