/**
 * The deadlines export's rows against the read model they come from: every deadline in scope once, in
 * case then due order, across batches, each cell as the export has always written it (booleans as
 * true/false, the instant as toISOString writes it), on seeded cases (dev/caseListSeed.ts).
 */
import { seedCaseList } from '../../dev/caseListSeed';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import { deadlineExportBatches } from './deadlineExportRows';

let pg: TestDatabase;
const NOW = new Date('2026-12-06T18:00:00.000Z');

beforeAll(async () => {
  pg = await createTestDatabase();
  await seedCaseList(pg.db, NOW, 4500);
  // One case closed, one office unknown: their cells.
  await pg.db.updateTable('cases').set({ office: null }).where('id', '=', 'BULK-00003').execute();
  await pg.db.updateTable('cases').set({ closed_at: '2026-12-01T10:00:00.000Z' }).where('id', '=', 'BULK-00004').execute();
}, 120_000);

afterAll(async () => {
  await pg?.drop();
});

test('every deadline in scope once, in case and due order, over several batches, cells as before', async () => {
  const rows: Record<string, string>[] = [];
  let batches = 0;
  for await (const b of deadlineExportBatches(pg.db, { id: 'adm', role: 'admin' } as never, false)) {
    batches++;
    rows.push(...b);
  }
  expect(batches).toBeGreaterThan(2);
  const stored = await pg.db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select(['case_deadlines.case_id', 'case_deadlines.rule_id', 'case_deadlines.due_instant', 'case_deadlines.late', 'case_deadlines.status', 'cases.detained', 'cases.closed_at', 'cases.office', 'users.name'])
    .orderBy('case_deadlines.case_id')
    .orderBy('case_deadlines.due_instant')
    .execute();
  expect(rows).toHaveLength(stored.length);
  rows.forEach((r, i) => {
    const s = stored[i]!;
    expect(r).toMatchObject({
      case_id: s.case_id,
      rule: s.rule_id,
      due_instant: s.due_instant.toISOString(),
      late: String(s.late),
      status: s.status,
      detained: String(s.detained),
      case_closed: String(s.closed_at !== null),
      office: s.office ?? '',
      caseworker: s.name,
    });
    expect(r).not.toHaveProperty('child_name');
  });
  expect(rows.some((r) => r.detained === 'true') && rows.some((r) => r.office === '') && rows.some((r) => r.case_closed === 'true')).toBe(true);
});

test("a lawyer's export is their cases' deadlines, names only when asked", async () => {
  const rows: Record<string, string>[] = [];
  for await (const b of deadlineExportBatches(pg.db, { id: 'law-5', role: 'lawyer' } as never, true)) rows.push(...b);
  const theirs = await pg.db.selectFrom('case_deadlines').innerJoin('cases', 'cases.id', 'case_deadlines.case_id').select('cases.child_name').where('cases.lawyer_id', '=', 'law-5').execute();
  expect(rows).toHaveLength(theirs.length);
  expect(rows[0]!.child_name).toMatch(/^Niña \d+$/);
});

test("the case list's filters narrow the export as they narrow the list", async () => {
  const exported = async (filters: Parameters<typeof deadlineExportBatches>[3]) => {
    const rows: Record<string, string>[] = [];
    for await (const b of deadlineExportBatches(pg.db, { id: 'adm', role: 'admin' } as never, false, filters)) rows.push(...b);
    return rows;
  };
  const tapachula = await exported({ office: 'Tapachula', phase: 'asylum' });
  const stored = await pg.db.selectFrom('case_deadlines').innerJoin('cases', 'cases.id', 'case_deadlines.case_id').select('case_deadlines.case_id').where('cases.office', '=', 'Tapachula').where('cases.phase', '=', 'asylum').execute();
  expect(tapachula.length).toBe(stored.length);
  expect(tapachula.length).toBeGreaterThan(0);
  expect(tapachula.every((r) => r.office === 'Tapachula' && r.phase === 'asylum')).toBe(true);
  expect((await exported({ caseworker: 'cw-7' })).every((r) => r.caseworker === 'CW-7')).toBe(true);
  expect(new Set((await exported({ q: 'bulk-00013' })).map((r) => r.case_id))).toEqual(new Set(['BULK-00013']));
});
