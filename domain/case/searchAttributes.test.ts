import { caseSearchValues, CASE_SEARCH_ATTRIBUTES } from './searchAttributes';
import type { CaseState, DeadlineState, DeadlineStatus } from './state';

/** A deadline with only what the mapping reads; the rest is filler a real case would have. */
const deadline = (deadlineId: string, dueInstant: string, status: DeadlineStatus): DeadlineState =>
  ({ deadlineId, ruleId: deadlineId, title: deadlineId, due: dueInstant.slice(0, 10), dueLatest: dueInstant.slice(0, 10), dueInstant, citation: 'x', status, steps: [], done: [], acks: [] }) as unknown as DeadlineState;

const state = (deadlines: DeadlineState[], extra: Partial<CaseState> = {}): CaseState =>
  ({ caseId: 'C-1', rulePack: 'mx-2026.1', phase: 'asylum', child: { name: 'Niña' }, deadlines, timeline: [], seq: 1, ...extra }) as unknown as CaseState;

test('an open case: the earliest live due instant, whatever order the deadlines were opened in', () => {
  const s = state([deadline('b', '2026-12-10T06:00:00.000Z', 'open'), deadline('a', '2026-12-03T06:00:00.000Z', 'open'), deadline('old', '2026-11-01T06:00:00.000Z', 'met')]);
  expect(caseSearchValues(s)).toEqual({ phase: 'asylum', status: 'open', nextDue: '2026-12-03T06:00:00.000Z', rulePack: 'mx-2026.1' });
});

test('a missed deadline still live makes the case "missed" and keeps its past due instant first (the overdue query finds it)', () => {
  const s = state([deadline('later', '2026-12-10T06:00:00.000Z', 'open'), deadline('late', '2026-11-20T06:00:00.000Z', 'missed')]);
  expect(caseSearchValues(s)).toMatchObject({ status: 'missed', nextDue: '2026-11-20T06:00:00.000Z' });
});

test('no live deadline: no next due instant; a closed case is closed whatever its deadlines say', () => {
  expect(caseSearchValues(state([deadline('x', '2026-12-10T06:00:00.000Z', 'cancelled')]))).toMatchObject({ status: 'open', nextDue: null });
  const closed = state([deadline('x', '2026-12-10T06:00:00.000Z', 'open')], { phase: 'closed', closed: { reason: 'reunified', at: '2026-12-01T00:00:00Z' } });
  expect(caseSearchValues(closed)).toMatchObject({ phase: 'closed', status: 'closed', nextDue: null });
});

test("none of the values is a child's data: the mapping never reads the child", () => {
  const s = state([deadline('a', '2026-12-03T06:00:00.000Z', 'open')], { child: { name: 'Nombre Secreto', birthDate: '2012-01-02' } } as Partial<CaseState>);
  const text = JSON.stringify(caseSearchValues(s));
  expect(text).not.toMatch(/Nombre Secreto|2012-01-02/);
  expect(Object.keys(caseSearchValues(s)).sort()).toEqual(Object.keys(CASE_SEARCH_ATTRIBUTES).sort());
});
