/**
 * The deadlines export's file against the read model it comes from, written by the JS CSV writer
 * (client/web/programCsv.ts, itself checked against csv-stringify): byte for byte, every deadline in scope
 * once, in case then due order, across batches, cells as the export has always written them (booleans as
 * true/false, the instant as toISOString writes it), hostile cells (formulas, quotes, `;`, line breaks)
 * quoted and defused as the JS writer does, on seeded cases (dev/caseListSeed.ts).
 */
import { seedCaseList } from '../../dev/caseListSeed';
import { csvStream, toCsv } from '../../client/web/programCsv';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import type { CaseFilters } from '../../db/queries/caseFilters';
import { deadlineExportColumns, deadlineExportRecords } from './deadlineExportRecords';

let pg: TestDatabase;
const NOW = new Date('2026-12-06T18:00:00.000Z');
/** What people type into names and offices that a spreadsheet or a CSV reader would misread. */
const HOSTILE = ['=HYPERLINK("http://x")', '+52 55', '-1', '@SUM(A1)', '\tTab', '\rCR first', 'Ana "La Güera"', 'a;b', 'a,b', 'línea\nnueva', 'línea\r\nnueva', 'ñandú'];

beforeAll(async () => {
  pg = await createTestDatabase();
  await seedCaseList(pg.db, NOW, 4500);
  // One case closed, one office unknown: their cells.
  await pg.db.updateTable('cases').set({ office: null }).where('id', '=', 'BULK-00003').execute();
  await pg.db.updateTable('cases').set({ closed_at: '2026-12-01T10:00:00.000Z' }).where('id', '=', 'BULK-00004').execute();
  for (const [i, v] of HOSTILE.entries()) {
    const id = `BULK-${String(100 + i).padStart(5, '0')}`;
    await pg.db.updateTable('cases').set({ child_name: v, office: `${v} ${i}` }).where('id', '=', id).execute();
  }
  await pg.db.updateTable('users').set({ name: '=cmd|"/c calc";x' }).where('id', '=', 'cw-7').execute();
}, 120_000);

afterAll(async () => {
  await pg?.drop();
});

/** The file as the export sends it. */
async function exported(user: { id: string; role: string }, withNames: boolean, filters: CaseFilters = {}, casesPerBatch?: number) {
  const parts: string[] = [];
  for await (const p of csvStream(deadlineExportRecords(pg.db, user as never, withNames, filters, casesPerBatch), deadlineExportColumns(withNames))) parts.push(p);
  return { text: parts.join(''), parts: parts.length };
}

/** The same file written in JS from the read model's rows that `keep` picks. */
async function expected(withNames: boolean, keep: (c: { lawyer_id: string | null; office: string | null; phase: string; caseworker_id: string | null; id: string }) => boolean) {
  const stored = await pg.db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select([
      'case_deadlines.case_id', 'case_deadlines.rule_id', 'case_deadlines.kind', 'case_deadlines.citation', 'case_deadlines.status', 'case_deadlines.late',
      'case_deadlines.trigger', 'case_deadlines.due', 'case_deadlines.due_latest', 'case_deadlines.due_instant',
      'cases.id', 'cases.child_name', 'cases.office', 'cases.phase', 'cases.detained', 'cases.closed_at', 'cases.lawyer_id', 'cases.caseworker_id', 'users.name',
    ])
    .orderBy('case_deadlines.case_id')
    .orderBy('case_deadlines.due_instant')
    .orderBy('case_deadlines.deadline_id')
    .execute();
  const rows = stored.filter(keep).map((s) => ({
    case_id: s.case_id,
    ...(withNames ? { child_name: s.child_name ?? '' } : {}),
    office: s.office ?? '',
    caseworker: s.name,
    phase: s.phase,
    detained: String(s.detained),
    case_closed: String(s.closed_at !== null),
    rule: s.rule_id,
    kind: s.kind,
    citation: s.citation,
    status: s.status,
    late: String(s.late),
    trigger: s.trigger,
    due: s.due,
    due_latest: s.due_latest,
    due_instant: s.due_instant.toISOString(),
  }));
  return { text: toCsv(rows, deadlineExportColumns(withNames)), rows };
}

test("every deadline in scope once, in case and due order, over several batches, byte for byte the JS writer's file, hostile cells included", async () => {
  const file = await exported({ id: 'adm', role: 'admin' }, false, {}, 1000);
  const want = await expected(false, () => true);
  expect(file.parts).toBe(6); // the header and five batches of up to 1,000 of the 4,500 cases
  // The shipped batch is larger than this registry: one part after the header, the same file.
  const whole = await exported({ id: 'adm', role: 'admin' }, false);
  expect(whole.parts).toBe(2);
  expect(whole.text).toBe(want.text);
  expect(file.text).toBe(want.text);
  expect(want.rows.some((r) => r.detained === 'true') && want.rows.some((r) => r.office === '') && want.rows.some((r) => r.case_closed === 'true')).toBe(true);
  // The hostile cells are there, defused and quoted as the JS writer does.
  expect(file.text).toContain(`"'=HYPERLINK(""http://x"") 0"`);
  expect(file.text).toContain(`"'=cmd|""/c calc"";x"`);
  expect(file.text).toContain('"línea\nnueva 9"');
});

test("a lawyer's export is their cases' deadlines, names (hostile ones too) only when asked", async () => {
  const theirs = (c: { lawyer_id: string | null }) => c.lawyer_id === 'law-5';
  expect((await exported({ id: 'law-5', role: 'lawyer' }, true)).text).toBe((await expected(true, theirs)).text);
  expect((await exported({ id: 'law-5', role: 'lawyer' }, false)).text).toBe((await expected(false, theirs)).text);
  const admin = await exported({ id: 'adm', role: 'admin' }, true);
  expect(admin.text).toBe((await expected(true, () => true)).text);
  expect(admin.text).toContain(`"Ana ""La Güera"""`);
  expect(admin.text).toContain(`"'\rCR first"`);
});

test("the case list's filters narrow the export as they narrow the list", async () => {
  const tapachula = await exported({ id: 'adm', role: 'admin' }, false, { office: 'Tapachula', phase: 'asylum' });
  const want = await expected(false, (c) => c.office === 'Tapachula' && c.phase === 'asylum');
  expect(want.rows.length).toBeGreaterThan(0);
  expect(tapachula.text).toBe(want.text);
  expect((await exported({ id: 'adm', role: 'admin' }, false, { caseworker: 'cw-7' })).text).toBe((await expected(false, (c) => c.caseworker_id === 'cw-7')).text);
  expect((await exported({ id: 'adm', role: 'admin' }, false, { q: 'bulk-00013' })).text).toBe((await expected(false, (c) => c.id === 'BULK-00013')).text);
});
