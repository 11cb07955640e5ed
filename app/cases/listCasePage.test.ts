/**
 * "Mis casos" against a real Postgres with 10,000 cases' read-model rows: danger first as the NGO must
 * act, every live deadline of a case, search and filters that never widen what a person may see, keyset
 * pages that cover the list exactly once, and a page query the planner answers from migration 0018's indexes.
 *
 * "now" is chosen: Tue 2026-03-10 12:00 in Mexico City (18:00Z). Ana's cases, by hand:
 * - A-DET1: detained, 36-hour term due now + 20 h (alarm) and COMAR's decision due 2026-03-30 → rank 0, due +20 h.
 * - A-DET2: detained, 36-hour term due now + 30 h, and the filing window missed on 2026-03-02 → rank 0, due +30 h.
 * - A-OVER: the filing window missed on 2026-03-05 (overdue), and COMAR's notice to INM missed on 1 Feb
 *   (earlier, but COMAR's) → rank 1, due 2026-03-05.
 * - A-SOON: Ramírez, the recurso de revisión due 2026-03-20 → rank 1, due 2026-03-20.
 * - A-AUTH: only COMAR owes something: its 72-hour notice to INM missed months ago (hour-counted, the
 *   earliest instant of all) → rank 2: an authority's breach never outranks the NGO's own deadlines.
 * - A-NONE: open, nothing live → rank 2, after A-AUTH.   - A-CLOSED: closed → rank 3.
 * So the order is A-DET1, A-DET2, A-OVER, A-SOON, A-AUTH, A-NONE (then A-CLOSED when closed ones are asked for).
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../../db/database';
import { endOfDayInstant } from '../../domain/time/instant';
import { seedCaseList } from '../../dev/caseListSeed';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import type { AuthUser } from '../auth';
import { CASE_PAGE_SIZE, casePageQuery, listCasePage } from './listCasePage';
import { CaseListQuerySchema, decodeCursor, type CaseListQuery } from '../caseListSchema';
import { parseInput } from '../errors';
import { loadInbox } from './loadInbox';
import { listDeadlines } from './listDeadlines';
import { DeadlineCursorSchema, decodeDeadlineCursor } from '../deadlineCursor';
import { loadAgenda } from '../agenda/loadAgenda';
import { LIVE_STATUSES } from '../../domain/case/upcoming';
import { AGENDA_PAGE_SIZE, AgendaQuerySchema } from '../agendaSchema';
import { dutyOf } from '../../db/readModelRows';

const now = new Date('2026-03-10T18:00:00Z');
const plusHours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();
const endOfDay = (date: string) => new Date(endOfDayInstant(date)).toISOString();

const person = (id: string, role: AuthUser['role']): AuthUser => ({ id, name: id.toUpperCase(), email: `${id}@plazo.test`, role, language: 'es' });
const ana = person('ana', 'caseworker');
const luis = person('luis', 'caseworker');
const beto = person('beto', 'supervisor');
const eva = person('eva', 'admin');
const carla = person('carla', 'lawyer');
const q = (input: Record<string, string> = {}): CaseListQuery => parseInput(CaseListQuerySchema, input);

let t: TestDatabase;
let db: Db;

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  await db.insertInto('users').values([ana, luis, beto, eva, carla].map(({ id, name, email, role, language }) => ({ id, name, email, role, language }))).execute();
  await db.insertInto('teams').values({ id: 'team-beto', name: 'Equipo Beto', supervisor_id: 'beto' }).execute();
  await db.insertInto('team_members').values({ team_id: 'team-beto', user_id: 'ana' }).execute();
  // 10,000 cases of 50 other caseworkers (cw-0…cw-49, 200 each): a tenth detained with an hour term, a tenth closed.
  await seedCaseList(db, now, 10_000);

  const kase = (id: string, over: Record<string, unknown>) => ({
    id, workflow_id: `case-${id}`, rule_pack: 'mx-2026.1', phase: 'asylum', child_name: `Niño ${id}`, office: 'CDMX', caseworker_id: 'ana',
    supervisor_id: 'sup-x', lawyer_id: 'carla', detained: false, opened_at: '2026-02-01T12:00:00Z', closed_at: null, next_due_instant: null, alarm_due_instant: null, duty_due_instant: null, version: 1, ...over,
  });
  await db.insertInto('cases').values([
    kase('A-DET1', { phase: 'intake', detained: true, next_due_instant: plusHours(20), alarm_due_instant: plusHours(20), duty_due_instant: plusHours(20) }),
    kase('A-DET2', { phase: 'intake', detained: true, office: 'Tapachula', next_due_instant: endOfDay('2026-03-02'), alarm_due_instant: plusHours(30), duty_due_instant: endOfDay('2026-03-02') }),
    kase('A-OVER', { next_due_instant: '2026-02-01T18:00:00Z', duty_due_instant: endOfDay('2026-03-05') }),
    kase('A-SOON', { child_name: 'Yesenia Ramírez', next_due_instant: endOfDay('2026-03-20'), duty_due_instant: endOfDay('2026-03-20') }),
    kase('A-AUTH', { next_due_instant: '2025-11-14T18:00:00Z' }),
    kase('A-NONE', { phase: 'placement' }),
    kase('A-CLOSED', { phase: 'closed', closed_at: '2026-03-01T12:00:00Z' }),
    kase('L-1', { caseworker_id: 'luis', lawyer_id: 'law-x', child_name: 'Luisa Ramírez', next_due_instant: endOfDay('2026-03-04') }),
  ]).execute();
  const deadline = (caseId: string, deadlineId: string, unit: 'hours' | 'business_days', dueInstant: string, status = 'open') => ({
    case_id: caseId, deadline_id: deadlineId, rule_id: deadlineId, title: deadlineId, status, late: false, kind: 'law', unit, calendar: 'lfpa-art28',
    trigger: '2026-02-01', due: dueInstant.slice(0, 10), due_latest: dueInstant.slice(0, 10), due_instant: dueInstant, due_latest_instant: dueInstant,
    citation: 'art. x', skipped: '[]', overlays_applied: '[]', next_step: 'null', steps: '[]', acks: '[]', ...dutyOf(deadlineId, 'mx-2026.1'),
  });
  await db.insertInto('case_deadlines').values([
    deadline('A-DET1', 'comar_decision', 'business_days', endOfDay('2026-03-30')),
    deadline('A-DET1', 'detention_36h', 'hours', plusHours(20)),
    deadline('A-DET2', 'asylum_filing_window', 'business_days', endOfDay('2026-03-02'), 'missed'),
    deadline('A-DET2', 'detention_36h', 'hours', plusHours(30)),
    deadline('A-OVER', 'asylum_filing_window', 'business_days', endOfDay('2026-03-05'), 'missed'),
    deadline('A-OVER', 'comar_notice_to_inm', 'hours', '2026-02-01T18:00:00.000Z', 'missed'),
    deadline('A-SOON', 'recurso_revision', 'business_days', endOfDay('2026-03-20')),
    deadline('A-SOON', 'asylum_filing_window', 'business_days', endOfDay('2026-02-20'), 'met'),
    deadline('A-AUTH', 'comar_notice_to_inm', 'hours', '2025-11-14T18:00:00.000Z', 'missed'),
  ]).execute();
  await db.executeQuery(CompiledQuery.raw('analyze cases'));
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

const ids = async (user: AuthUser, input: Record<string, string> = {}) => (await listCasePage(db, user, q(input), 'es', now)).items.map((i) => i.id);

test('danger first: detained children by their hours, then the NGO\'s own deadlines, then what only an authority owes', async () => {
  expect(await ids(ana)).toEqual(['A-DET1', 'A-DET2', 'A-OVER', 'A-SOON', 'A-AUTH', 'A-NONE']);
  expect(await ids(ana, { status: 'all' })).toEqual(['A-DET1', 'A-DET2', 'A-OVER', 'A-SOON', 'A-AUTH', 'A-NONE', 'A-CLOSED']);
  expect(await ids(ana, { status: 'closed' })).toEqual(['A-CLOSED']);
});

test('every live deadline of a case is listed, the hour-counted one first; settled ones are not', async () => {
  const page = await listCasePage(db, ana, q(), 'es', now);
  const det2 = page.items.find((i) => i.id === 'A-DET2')!;
  expect(det2.deadlines.map((d) => [d.deadlineId, d.unit, d.urgency])).toEqual([
    ['detention_36h', 'hours', 'alarm'],
    ['asylum_filing_window', 'business_days', 'overdue'],
  ]);
  // 30 hours from now, in the words of domain/remaining.ts.
  expect(det2.deadlines[0]!.remaining?.value).toBe(30);
  expect(page.items.find((i) => i.id === 'A-SOON')!.deadlines.map((d) => d.deadlineId)).toEqual(['recurso_revision']);
  // COMAR's decision, an authority's duty, comes after the NGO's; COMAR's missed notice is its breach, in days.
  expect(page.items.find((i) => i.id === 'A-DET1')!.deadlines.map((d) => [d.deadlineId, d.urgency, d.actor])).toEqual([
    ['detention_36h', 'alarm', 'inm'],
    ['comar_decision', 'waiting', 'comar'],
  ]);
  const breach = page.items.find((i) => i.id === 'A-AUTH')!.deadlines[0]!;
  expect([breach.urgency, breach.actor, breach.ngoActs, breach.remaining?.text]).toEqual(['breach', 'comar', false, 'venció hace 116 días']);
  expect(page.items[0]!.caseworkerName).toBe('ANA');
});

test('within a case the NGO\'s deadlines come first, an authority\'s after, even when it is earlier', async () => {
  const page = await listCasePage(db, ana, q(), 'es', now);
  expect(page.items.find((i) => i.id === 'A-OVER')!.deadlines.map((d) => [d.deadlineId, d.urgency])).toEqual([
    ['asylum_filing_window', 'overdue'],
    ['comar_notice_to_inm', 'breach'],
  ]);
});

test('the inbox lists only what the NGO must do: a detention\'s hours first, then by due date; no authority\'s breach', async () => {
  // Every fixture date is in March 2026: overdue whenever this runs.
  const inbox = await loadInbox(db, beto, 'es');
  expect(inbox.deadlines.map((d) => d.id)).toEqual([
    'A-DET1:detention_36h',
    'A-DET2:detention_36h',
    'A-DET2:asylum_filing_window',
    'A-OVER:asylum_filing_window',
    'A-SOON:recurso_revision',
  ]);
});

test('search by case id and by child name, regardless of case and accents', async () => {
  expect(await ids(ana, { q: 'a-over' })).toEqual(['A-OVER']);
  expect(await ids(ana, { q: 'ramirez' })).toEqual(['A-SOON']);
  expect(await ids(ana, { q: '%' })).toEqual([]); // a wildcard is a character, not "anything"
});

test('filters by phase, office, overdue and caseworker', async () => {
  expect(await ids(ana, { phase: 'intake' })).toEqual(['A-DET1', 'A-DET2']);
  expect(await ids(ana, { office: 'Tapachula' })).toEqual(['A-DET2']);
  // Overdue: the NGO's earliest live deadline is past (A-DET2's missed day term, A-OVER); COMAR's breach is not the caseworker's.
  expect(await ids(ana, { overdue: '1' })).toEqual(['A-DET2', 'A-OVER']);
  expect(await ids(beto, { caseworker: 'ana', phase: 'intake' })).toEqual(['A-DET1', 'A-DET2']);
});

test('no filter or search widens what a person may see', async () => {
  // Ana may not see Luis's case, whatever she asks for.
  expect(await ids(ana, { caseworker: 'luis' })).toEqual([]);
  expect(await ids(ana, { q: 'L-1' })).toEqual([]);
  expect(await ids(ana, { q: 'Luisa', status: 'all' })).toEqual([]);
  expect(await ids(luis, { q: 'ramirez' })).toEqual(['L-1']);
  // Beto leads Ana's team only: Luis's and the bulk caseworkers' cases stay out.
  expect(await ids(beto, { caseworker: 'luis' })).toEqual([]);
  expect(await ids(beto, { caseworker: 'cw-3' })).toEqual([]);
  expect(await ids(beto, { status: 'all' })).toEqual(['A-DET1', 'A-DET2', 'A-OVER', 'A-SOON', 'A-AUTH', 'A-NONE', 'A-CLOSED']);
  // Carla is the lawyer of Ana's cases only.
  expect((await ids(carla, { status: 'all' })).sort()).toEqual(['A-AUTH', 'A-CLOSED', 'A-DET1', 'A-DET2', 'A-NONE', 'A-OVER', 'A-SOON']);
  // The filter choices come from the scope too.
  const page = await listCasePage(db, ana, q(), 'es', now);
  expect(page.options.caseworkers.map((c) => c.id)).toEqual(['ana']);
  expect(page.options.offices).toEqual(['CDMX', 'Tapachula']);
});

// cw-1's cases all have an hour term (rank 0), cw-2's are all closed (rank 3, keyed 'infinity'), cw-7's have day terms.
test.each(['cw-1', 'cw-2', 'cw-7'])('keyset pages cover a caseworker\'s 200 cases exactly once, in the list order: %s', async (cw) => {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const page = await listCasePage(db, person(cw, 'caseworker'), q({ status: 'all', ...(after ? { after } : {}) }), 'es', now);
    seen.push(...page.items.map((i) => i.id));
    after = page.next ?? undefined;
    pages++;
  } while (after);
  const all = await db.selectFrom('cases').select('id').where('caseworker_id', '=', cw).execute();
  expect(all).toHaveLength(200);
  expect(pages).toBe(Math.ceil(200 / CASE_PAGE_SIZE));
  expect(seen).toHaveLength(200);
  expect(new Set(seen)).toEqual(new Set(all.map((r) => r.id)));
  // The same order the whole list has in one query.
  const whole = await casePageQuery(db, person(cw, 'caseworker'), q({ status: 'all' }), now, 1000).execute();
  expect(seen).toEqual(whole.map((r) => r.id));
});

test('the cursor keeps the microseconds Postgres keeps: the row a page ended on never comes again', async () => {
  const us = person('cw-us', 'caseworker');
  await db.insertInto('users').values({ id: us.id, name: us.name, email: us.email, role: us.role, language: us.language }).execute();
  const base = { workflow_id: 'w', rule_pack: 'mx-2026.1', phase: 'asylum', child_name: 'x', office: null, caseworker_id: us.id, supervisor_id: 's', lawyer_id: 'l', detained: false, opened_at: '2026-02-01T12:00:00Z', version: 1 };
  await db.insertInto('cases').values([
    { ...base, id: 'US-1', next_due_instant: '2026-03-20T10:00:00.000400Z' },
    { ...base, id: 'US-2', next_due_instant: '2026-03-20T10:00:00.000600Z' },
  ]).execute();
  const [first] = await casePageQuery(db, us, q(), now, 0).execute();
  expect(first!.id).toBe('US-1');
  expect(first!.danger_key).toBe('2026-03-20T10:00:00.000400Z');
  const after = `${first!.danger_rank}~${first!.danger_key}~${first!.id}`;
  expect((await casePageQuery(db, us, q({ after }), now, 0).execute()).map((r) => r.id)).toEqual(['US-2']);
});

// The inbox's order (the NGO's duties, danger first) and /api/deadlines' (by due instant), over the 10,000 seeded cases.
test.each([true, false])('keyset pages of the deadline lists cover every deadline once, in the order of the whole list (ngoDuties: %s)', async (ngoDuties) => {
  const whole = await listDeadlines(db, eva, 366, 'es', {}, { ngoDuties, limit: 100_000 });
  expect(whole.next).toBeNull();
  expect(whole.items.length).toBeGreaterThan(5000);
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listDeadlines>> = await listDeadlines(db, eva, 366, 'es', {}, { ngoDuties, limit: 500, ...(after ? { after: decodeDeadlineCursor(after)! } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(500);
    seen.push(...page.items.map((d) => d.id));
    after = page.next;
  } while (after);
  expect(seen).toEqual(whole.items.map((d) => d.id));
});

test("the agenda's pages cover the registry's live deadlines to the period's end once each, in time order", async () => {
  const seen: { id: string; dueInstant: string }[] = [];
  let after: string | undefined;
  let pages = 0;
  let to = '';
  do {
    const a = await loadAgenda(db, eva, parseInput(AgendaQuerySchema, after ? { after } : {}), 'es', now);
    const items = [...a.overdueBefore, ...a.days.flatMap((d) => d.items)];
    expect(items.length).toBeLessThanOrEqual(AGENDA_PAGE_SIZE);
    seen.push(...items.map((i) => ({ id: i.id, dueInstant: i.dueInstant })));
    to = a.range.to;
    after = a.more ?? undefined;
    pages++;
  } while (after);
  expect(pages).toBeGreaterThan(1);
  expect(new Set(seen.map((i) => i.id)).size).toBe(seen.length);
  expect(seen.map((i) => i.dueInstant)).toEqual(seen.map((i) => i.dueInstant).sort());
  const live = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('cases.closed_at', 'is', null)
    .where('case_deadlines.status', 'in', [...LIVE_STATUSES])
    .where('case_deadlines.due_instant', '<=', new Date(endOfDayInstant(to)))
    .executeTakeFirstOrThrow();
  expect(seen.length).toBe(Number(live.n));
});

test('a deadline cursor this list did not write is refused naming the field', () => {
  for (const bad of ['garbage', '0~2026-02-30T10:00:00Z~A~b', '3~2026-02-03T10:00:00Z~A~b', '0~2026-02-03T10:00:00Z~A']) {
    expect(DeadlineCursorSchema.safeParse(bad).success).toBe(false);
  }
  expect(decodeDeadlineCursor('1~2026-03-20T10:00:00.000400Z~A-1~asylum_filing_window')).toEqual({ rank: 1, due: '2026-03-20T10:00:00.000400Z', caseId: 'A-1', deadlineId: 'asylum_filing_window' });
});

test('a bad cursor is refused naming the field', () => {
  expect(() => q({ after: 'garbage' })).toThrow(expect.objectContaining({ field: 'after' }));
  // The cursor's shape with an instant that does not exist (Postgres would fail on it: a 500).
  for (const after of ['0~2026-02-30T25:61:61Z~A', '1~2026-02-30T10:00:00Z~A', '1~2026-02-28T24:00:00Z~A']) expect(() => q({ after })).toThrow(expect.objectContaining({ field: 'after' }));
  expect(decodeCursor('0~infinity~A-1')).toEqual({ rank: 0, due: 'infinity', id: 'A-1' });
});

/** The plan's nodes, flattened. */
async function plan(user: AuthUser, input: Record<string, string>): Promise<Record<string, unknown>[]> {
  const compiled = casePageQuery(db, user, q(input), now).compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
  const nodes: Record<string, unknown>[] = [];
  const walk = (n: Record<string, unknown>) => {
    nodes.push(n);
    for (const c of (n.Plans as Record<string, unknown>[] | undefined) ?? []) walk(c);
  };
  walk(((result.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!).Plan);
  return nodes;
}

const indexesOf = (nodes: Record<string, unknown>[]) => nodes.map((n) => n['Index Name']).filter(Boolean);
const types = (nodes: Record<string, unknown>[]) => nodes.map((n) => n['Node Type']);

test.each([
  ['an admin, first page', eva, {}],
  ['an admin, a later page', eva, { after: '1~2026-03-12T18:00:00.000Z~BULK-05000' }],
  ['an admin, one phase', eva, { phase: 'asylum' }],
])('at 10,000 cases the page query reads the danger index in order, never sorting the list: %s', async (_what, user, input) => {
  const nodes = await plan(user, input);
  expect(indexesOf(nodes)).toContain('cases_danger_idx');
  expect(types(nodes)).not.toContain('Sort');
  expect(nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cases')).toBe(false);
});

test.each([
  ['first page', {}],
  ['a later page', { after: '1~2026-03-12T18:00:00.000Z~BULK-00007' }],
  ['closed ones', { status: 'closed' }],
])('a caseworker\'s page query reads only their rows, through the caseworker\'s index: %s', async (_what, input) => {
  // The planner may read the index in order or fetch the caseworker's ~200 rows and sort those; never the table.
  const nodes = await plan(person('cw-7', 'caseworker'), input);
  expect(indexesOf(nodes)).toContain('cases_caseworker_danger_idx');
  expect(nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cases')).toBe(false);
});

test('a supervisor\'s page query never reads the whole table in a seq scan and sort', async () => {
  const nodes = await plan(beto, {});
  expect(nodes.some((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'cases')).toBe(false);
});
