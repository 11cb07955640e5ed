import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseFilterConditions, type CaseFilters } from '../../db/queries/caseFilters';
import { caseScope } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';

/** Cases per batch of the export: its memory and each query stay bounded however many cases there are. */
const CASES_PER_BATCH = 2000;

/** The export's columns, in order; the child's name only when asked for and allowed (the caller checks). */
export const deadlineExportColumns = (withNames: boolean) => [
  'case_id', ...(withNames ? ['child_name'] : []), 'office', 'caseworker', 'phase', 'detained', 'case_closed',
  'rule', 'kind', 'citation', 'status', 'late', 'trigger', 'due', 'due_latest', 'due_instant',
];

/**
 * Every deadline in scope as CSV rows, by case then due instant, a batch of cases at a time (keyset on the
 * case id): the CSV is written as it is read (issue 28: 55,000 rows at 50,000 cases), never held whole.
 * The case list's filters (phase, office, caseworker, search) narrow it, as they narrow the list.
 */
export async function* deadlineExportBatches(db: Db, user: AuthUser, withNames: boolean, filters: CaseFilters = {}): AsyncGenerator<Record<string, string>[]> {
  const conditions = caseFilterConditions(filters);
  let after: string | null = null;
  for (;;) {
    let cases = db.selectFrom('cases').select('cases.id').where(caseScope(user));
    for (const c of conditions) cases = cases.where(c);
    if (after !== null) cases = cases.where('cases.id', '>', after);
    const ids = (await cases.orderBy('cases.id').limit(CASES_PER_BATCH).execute()).map((c) => c.id);
    if (ids.length === 0) return;
    const from = after;
    after = ids[ids.length - 1]!;
    // The batch as a range of case ids (both tables' keys lead with it): index range scans, not a join over the registry.
    let batch = deadlinesInScope(db, user).innerJoin('users', 'users.id', 'cases.caseworker_id').where('case_deadlines.case_id', '<=', after).where('cases.id', '<=', after);
    if (from !== null) batch = batch.where('case_deadlines.case_id', '>', from).where('cases.id', '>', from);
    for (const c of conditions) batch = batch.where(c);
    // Every cell as text from Postgres (booleans, the instant in toISOString's form): parsing 55,000
    // timestamps into Dates to print them again was a good part of the export's time (issue 28).
    const rows = await batch
      .select([
        'case_deadlines.case_id', 'cases.child_name', sql<string>`coalesce(cases.office, '')`.as('office'), 'users.name as caseworker', 'cases.phase',
        sql<string>`cases.detained::text`.as('detained'), sql<string>`(cases.closed_at is not null)::text`.as('case_closed'),
        'case_deadlines.rule_id', 'case_deadlines.kind', 'case_deadlines.citation', 'case_deadlines.status', sql<string>`case_deadlines.late::text`.as('late'),
        'case_deadlines.trigger', 'case_deadlines.due', 'case_deadlines.due_latest',
        sql<string>`to_char(case_deadlines.due_instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('due_instant'),
      ])
      .orderBy('case_deadlines.case_id')
      .orderBy('case_deadlines.due_instant')
      .execute();
    yield rows.map((r) => ({
      case_id: r.case_id,
      ...(withNames ? { child_name: r.child_name } : {}),
      office: r.office,
      caseworker: r.caseworker,
      phase: r.phase,
      detained: r.detained,
      case_closed: r.case_closed,
      rule: r.rule_id,
      kind: r.kind,
      citation: r.citation,
      status: r.status,
      late: r.late,
      trigger: r.trigger,
      due: r.due,
      due_latest: r.due_latest,
      due_instant: r.due_instant,
    }));
  }
}
