import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { caseFilterConditions, type CaseFilters } from '../../db/queries/caseFilters';
import { caseScope } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';

/**
 * Cases per batch of the export: its memory and each query stay bounded however many cases there are
 * (~0.8 MB of text a batch). Fewer, larger batches spare Postgres a plan and a round trip each.
 */
const CASES_PER_BATCH = 5000;

/**
 * A cell as client/web/programCsv.ts writes it (`cell(safeCell(v))`), written by Postgres: an apostrophe
 * before what a spreadsheet would run as a formula (=, +, -, @, tab, CR first), quotes (inner ones doubled)
 * around a cell holding `"`, `,`, `;`, CR or LF. The apostrophe adds none of those, so the order of the two
 * does not matter. The test compares the whole file with the JS writer's, hostile cells included.
 */
const FORMULA_START = '^[-=+@\t\r]';
const NEEDS_QUOTES = '[",;\r\n]';
const csvCell = (v: RawBuilder<string>) => {
  const apostrophe = sql<string>`(case when ${v} ~ ${FORMULA_START} then '''' else '' end)`;
  // Nearly every cell needs neither: one match answers that, and only the others are looked at twice.
  return sql<string>`(case when ${v} !~ ${`${FORMULA_START}|${NEEDS_QUOTES}`} then ${v} when ${v} ~ ${NEEDS_QUOTES} then '"' || ${apostrophe} || replace(${v}, '"', '""') || '"' else '''' || ${v} end)`;
};
/** A cell people may have typed (a name, an office, a case id) or a rule's citation: quoted and defused as needed. */
const text = (column: string) => csvCell(sql<string>`coalesce(${sql.ref(column)}, '')`);
/**
 * A cell of Plazo's own codes (phase, rule, kind, status: identifiers from the rule packs and domain/),
 * dates and booleans: nothing in them to quote or defuse, so Postgres is spared the test (on every cell it
 * cost ~90 ms of Postgres CPU per 55,000-row export, a quarter of it).
 */
const code = (column: string) => sql<string>`coalesce(${sql.ref(column)}, '')`;

/** The export's columns, in order, as SQL for their cells; the child's name only when asked for and allowed (the caller checks). */
const CELLS: [string, RawBuilder<string>][] = [
  ['case_id', text('case_deadlines.case_id')],
  ['child_name', text('cases.child_name')],
  ['office', text('cases.office')],
  ['caseworker', text('users.name')],
  ['phase', code('cases.phase')],
  ['detained', sql<string>`cases.detained::text`],
  ['case_closed', sql<string>`(cases.closed_at is not null)::text`],
  ['rule', code('case_deadlines.rule_id')],
  ['kind', code('case_deadlines.kind')],
  ['citation', text('case_deadlines.citation')],
  ['status', code('case_deadlines.status')],
  ['late', sql<string>`case_deadlines.late::text`],
  ['trigger', code('case_deadlines.trigger')],
  ['due', code('case_deadlines.due')],
  ['due_latest', code('case_deadlines.due_latest')],
  // toISOString's form, as the export has always written it.
  ['due_instant', sql<string>`to_char(case_deadlines.due_instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`],
];
const cellsOf = (withNames: boolean) => CELLS.filter(([name]) => withNames || name !== 'child_name');

export const deadlineExportColumns = (withNames: boolean) => cellsOf(withNames).map(([name]) => name);

/**
 * Every deadline in scope as CSV records (CRLF after each, no header), by case then due instant, a batch
 * of cases at a time (keyset on the case id): the file is sent as it is read (issue 28: 55,000 rows at
 * 50,000 cases), never held whole. Postgres writes each batch's records as one text (`string_agg`): the
 * API's event loop only passes it on (parsing 55,000 rows of 16 cells and quoting them in JS was ~600 ms
 * of its CPU per download). The case list's filters (phase, office, caseworker, search) narrow it, as they
 * narrow the list.
 */
export async function* deadlineExportRecords(db: Db, user: AuthUser, withNames: boolean, filters: CaseFilters = {}, casesPerBatch = CASES_PER_BATCH): AsyncGenerator<string> {
  const conditions = caseFilterConditions(filters);
  const line = sql.join(cellsOf(withNames).map(([, cell]) => cell), sql` || ',' || `);
  /** The records of the cases after `from` up to `to`, as one text (null when they have no deadlines). */
  const recordsOf = async (from: string | null, to: string) => {
    // The batch as a range of case ids (both tables' keys lead with it): index range scans, not a join over the registry.
    let batch = deadlinesInScope(db, user).innerJoin('users', 'users.id', 'cases.caseworker_id').where('case_deadlines.case_id', '<=', to).where('cases.id', '<=', to);
    if (from !== null) batch = batch.where('case_deadlines.case_id', '>', from).where('cases.id', '>', from);
    for (const c of conditions) batch = batch.where(c);
    const { records } = await batch
      .select(sql<string | null>`string_agg(${line} || ${'\r\n'}, '' order by case_deadlines.case_id, case_deadlines.due_instant, case_deadlines.deadline_id)`.as('records'))
      .executeTakeFirstOrThrow();
    return records;
  };
  // Batches under way, in file order: the next one is written by Postgres while this one is sent (two at
  // most: Postgres's work on two cores, memory still bounded).
  const pending: Promise<string | null>[] = [];
  let after: string | null = null;
  let last = false;
  const startNext = async () => {
    let cases = db.selectFrom('cases').select('cases.id').where(caseScope(user));
    for (const c of conditions) cases = cases.where(c);
    if (after !== null) cases = cases.where('cases.id', '>', after);
    const ids = (await cases.orderBy('cases.id').limit(casesPerBatch).execute()).map((c) => c.id);
    if (ids.length === 0) return void (last = true);
    const records = recordsOf(after, (after = ids[ids.length - 1]!));
    // Handled here too: a download stopped halfway leaves it unawaited, and its failure must not go unhandled.
    records.catch(() => undefined);
    pending.push(records);
  };
  await startNext();
  while (pending.length > 0) {
    if (!last) await startNext();
    const records = await pending.shift()!;
    if (records) yield records;
  }
}
