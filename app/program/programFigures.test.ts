/**
 * The program's figures from hand-made rows, worked out by hand ("now" is Tue 2024-09-10 12:00 in Mexico
 * City; business days on LFPA art. 28 with the seed COMAR closure of 29–31 May 2024):
 * - A: claim Mon 2024-05-20, due Thu 2024-07-25 (45 business days, see test/constancia.e2e.test.ts);
 *   decision Mon 2024-08-05: +Jul 26 (46), Jul 29–Aug 2 (51), Aug 5 (52) → 52, late.
 * - B: claim 2024-05-20, decision Mon 2024-07-01: May 21–24 (4), 27–28 (6), Jun 3–28 (26), Jul 1 (27) → 27.
 * - C (closed): extended to 90 (due 2024-10-01), decision Mon 2024-09-02: 45 at Jul 25, then Jul 26 (46),
 *   five full weeks to Aug 30 (71), Sep 2 (72) → 72, within its extended term.
 * - D: claim 2024-06-03, due 2024-08-06, no decision: pending and past its term.
 * BID: A 2024-04-01 → 2024-05-06 = 35 days (over 30); B 2024-04-10 → 2024-04-30 = 20; D notified
 * 2024-08-20, pending, 21 days so far. Detention: B 22:00 Apr 10 → 12:00 Apr 12 = 38 h (over 36);
 * D since 06:00 today, 6 h so far.
 */
import { endOfDayInstant, SEED_OVERLAYS } from '../../domain';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import type { AuthUser } from '../auth';
import { loadCaseload, type CaseloadFigures } from './loadCaseload';
import { median, measureFigures, type FigureEvent } from './programFigures';

const now = new Date('2024-09-10T18:00:00Z');
const endOfDay = (date: string) => new Date(endOfDayInstant(date));
interface Row { id: string; office: string; cw: string; phase: string; detained: boolean; closed: boolean }
const kase = (id: string, office: string, cw: string, over: Partial<Row> = {}): Row => ({ id, office, cw, phase: 'asylum', detained: false, closed: false, ...over });
const deadline = (caseId: string, ruleId: string, trigger: string, due: string, status: string) => ({ caseId, ruleId, status, calendar: 'lfpa-art28', trigger, due, dueLatest: due });
let seq = 0;
const ev = (caseId: string, type: string, at: string): FigureEvent => ({ caseId, type, at, seq: ++seq });

const cases = [kase('A', 'CDMX', 'ana', { phase: 'decision' }), kase('B', 'Tapachula', 'luis', { phase: 'appeal' }), kase('C', 'CDMX', 'ana', { closed: true }), kase('D', 'CDMX', 'ana', { detained: true })];
const deadlines = [
  deadline('A', 'comar_decision', '2024-05-20', '2024-07-25', 'met'),
  deadline('A', 'recurso_revision', '2024-08-27', '2024-09-17', 'open'),
  deadline('B', 'comar_decision', '2024-05-20', '2024-07-25', 'met'),
  deadline('B', 'recurso_revision', '2024-08-23', '2024-09-13', 'open'),
  deadline('C', 'comar_decision', '2024-05-20', '2024-07-25', 'extended'),
  deadline('C', 'comar_decision_extended', '2024-07-20', '2024-10-01', 'met'),
  deadline('D', 'comar_decision', '2024-06-03', '2024-08-06', 'missed'),
];
const figures = measureFigures({
  now,
  overlays: SEED_OVERLAYS,
  cases: cases.map((c) => ({ id: c.id, office: c.office, detained: c.detained, closed: c.closed })),
  deadlines,
  events: [
    ev('A', 'decision_notified', '2024-08-05'),
    ev('B', 'decision_notified', '2024-07-01'),
    ev('C', 'decision_notified', '2024-09-02'),
    ev('A', 'procuraduria_notified', '2024-04-01'),
    ev('A', 'bid_issued', '2024-05-06'),
    ev('B', 'procuraduria_notified', '2024-04-10'),
    ev('B', 'bid_issued', '2024-04-30'),
    ev('D', 'procuraduria_notified', '2024-08-20'),
    ev('B', 'detention_started', '2024-04-10T22:00:00-06:00'),
    ev('B', 'detention_ended', '2024-04-12T12:00:00-06:00'),
    ev('D', 'detention_started', '2024-09-10T06:00:00-06:00'),
  ],
});

// The caseload is counted by Postgres (loadCaseload.ts): the same rows, stored in a real database.
let t: TestDatabase;
let caseload: CaseloadFigures;
beforeAll(async () => {
  t = await createTestDatabase();
  const eva: AuthUser = { id: 'eva', name: 'EVA', email: 'eva@plazo.test', role: 'admin', language: 'es' };
  await t.db.insertInto('users').values(['ana', 'luis', 'eva'].map((id) => ({ id, name: id.toUpperCase(), email: `${id}@plazo.test`, role: id === 'eva' ? ('admin' as const) : ('caseworker' as const), language: 'es' as const }))).execute();
  await t.db.insertInto('cases').values(cases.map((c) => ({
    id: c.id, workflow_id: `case-${c.id}`, rule_pack: 'mx-2026.1', phase: c.phase, child_name: `Niño ${c.id}`, office: c.office, caseworker_id: c.cw, supervisor_id: 'sup', lawyer_id: 'law',
    detained: c.detained, opened_at: '2024-04-01T12:00:00Z', closed_at: c.closed ? '2024-09-03T12:00:00Z' : null, next_due_instant: null, alarm_due_instant: null, version: 1,
  }))).execute();
  await t.db.insertInto('case_deadlines').values(deadlines.map((d) => ({
    case_id: d.caseId, deadline_id: d.ruleId, rule_id: d.ruleId, title: d.ruleId, status: d.status, late: false, kind: 'law', unit: 'business_days', calendar: d.calendar, trigger: d.trigger,
    due: d.due, due_latest: d.dueLatest, due_instant: endOfDay(d.due).toISOString(), due_latest_instant: endOfDay(d.dueLatest).toISOString(), citation: 'test', skipped: '[]', overlays_applied: '[]', next_step: 'null', steps: '[]', acks: '[]',
  }))).execute();
  caseload = await loadCaseload(t.db, eva, now);
});
afterAll(() => t?.drop());

test('caseload: open, overdue, detained now and due in the next 7 days, by office, caseworker and phase', () => {
  // Due in the next 7 days: B's Fri 13 Sep and A's Tue 17 Sep (7 days from now, to the end of that day).
  expect(caseload.caseload).toEqual({ open: 3, overdue: 1, detained: 1, dueThisWeek: 2 });
  expect(caseload.byOffice).toEqual([
    { key: 'CDMX', label: 'CDMX', open: 2, overdue: 1, detained: 1, dueThisWeek: 1 },
    { key: 'Tapachula', label: 'Tapachula', open: 1, overdue: 0, detained: 0, dueThisWeek: 1 },
  ]);
  expect(caseload.byCaseworker.map((b) => [b.label, b.open])).toEqual([['ANA', 2], ['LUIS', 1]]);
  expect(caseload.byPhase.map((b) => b.key).sort()).toEqual(['appeal', 'asylum', 'decision']);
});

test('on a Sunday, "the next 7 days" still reach past the weekend (a calendar week would end that night)', async () => {
  // Sun 15 Sep 2024, 14:00 in Mexico City: B's Fri 13 Sep is past (overdue), A's Tue 17 Sep is 2 days away.
  const sunday = await loadCaseload(t.db, { id: 'eva', name: 'EVA', email: 'eva@plazo.test', role: 'admin', language: 'es' }, new Date('2024-09-15T20:00:00Z'));
  expect(sunday.caseload).toEqual({ open: 3, overdue: 2, detained: 1, dueThisWeek: 1 });
});

test('COMAR: business days from claim to decision against 45, or 90 when extended', () => {
  const byCase = Object.fromEntries(figures.comar.measures.map((m) => [m.caseId, m]));
  expect(byCase.A).toMatchObject({ value: 52, limit: 45, over: true, pending: false });
  expect(byCase.B).toMatchObject({ value: 27, limit: 45, over: false, pending: false });
  expect(byCase.C).toMatchObject({ value: 72, limit: 90, over: false, pending: false });
  expect(byCase.D).toMatchObject({ limit: 45, over: true, pending: true });
  expect(figures.comar).toMatchObject({ n: 3, over: 1, median: 52, pending: 1, pendingOver: 1 });
  expect(figures.comar.shareOver).toBeCloseTo(1 / 3);
  expect(figures.comar.bins).toEqual([
    { label: '0–15', count: 0 },
    { label: '16–30', count: 1 },
    { label: '31–45', count: 0 },
    { label: '46–60', count: 1 },
    { label: '61–90', count: 1 },
    { label: '>90', count: 0 },
  ]);
});

test('Procuraduría notice to BID in calendar days, and detention durations in hours', () => {
  expect(figures.bid).toMatchObject({ n: 2, over: 1, median: 27.5, pending: 1, pendingOver: 0 });
  expect(figures.bid.measures.find((m) => m.caseId === 'D')).toMatchObject({ value: 21, pending: true });
  expect(figures.detention).toMatchObject({ n: 1, over: 1, median: 38, pending: 1, pendingOver: 0 });
  expect(figures.detention.measures.find((m) => m.caseId === 'D')).toMatchObject({ value: 6, pending: true, over: false });
});

test('median of an even and an odd count, and of nothing', () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(median([])).toBeNull();
});
