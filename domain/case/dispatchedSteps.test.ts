/**
 * Issue 28, the dispatcher across cases (pure): what a case whose steps the dispatcher sends puts in the
 * outbox, and when it wakes itself. The outbox says what the case's own clock would send at that instant,
 * to the same people, under the same keys: both read domain/case/steps.ts stepDelivery.
 */
import { acknowledge } from './acknowledgements';
import type { CaseState } from './state';
import { DISPATCHER_GRACE_MS, fireDueSteps, nextWake, pendingSteps } from './steps';
import { outboxChangeOf, outboxRowsOf } from './outboxRows';
import { at, handIntake, openByHand, recordByHand } from '../../test/pureCase';

const detained = (id: string, stepsBy?: 'dispatcher'): CaseState => {
  const s = recordByHand(openByHand(handIntake(id)), 'detention_started', at('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' });
  // What the clock fired at the recording (alarm-0) is done, as in the workflow.
  const fired = fireDueSteps(s, Date.parse(at('2030-03-04', '22:01'))).state;
  return stepsBy ? { ...fired, stepsBy } : fired;
};
const ALARM_1 = Date.parse(at('2030-03-05', '02:00'));
const alarm1 = (s: CaseState) => pendingSteps(s).filter((m) => m.stepId === 'alarm-1' && m.deadlineId === 'child_detention_notice');

test("the outbox holds what the case's clock would send at each instant: the same keys, recipients and except", () => {
  const s = detained('out-1', 'dispatcher');
  const fired = fireDueSteps(s, ALARM_1);
  const dueNow = pendingSteps(s).filter((m) => m.stepAt <= ALARM_1);
  expect(dueNow.length).toBeGreaterThanOrEqual(2); // the notice's alarm and the amparo's
  expect(dueNow).toEqual(fired.deliveries);
  // Rows carry the delivery's input as the case would give it, the time left counted when sent: the steps up
  // to the case's next wake (DISPATCHER_GRACE_MS after the next instant), not the ~130 of the whole ladder.
  const rows = outboxRowsOf(s);
  const horizon = nextWake(s)!;
  expect(horizon).toBe(ALARM_1 + DISPATCHER_GRACE_MS);
  expect(rows.map((r) => r.idempotencyBase).sort()).toEqual(pendingSteps(s).filter((m) => m.stepAt <= horizon).map((m) => m.idempotencyBase).sort());
  expect(pendingSteps(s).length).toBeGreaterThan(rows.length * 10);
  const row = rows.find((r) => r.idempotencyBase === alarm1(s)[0]!.idempotencyBase)!;
  expect(row).toMatchObject({ caseId: 'out-1', stepAt: ALARM_1 });
  expect(row.input).toMatchObject({ caseId: 'out-1', kind: 'alarm', stepId: 'alarm-1', assignments: { caseworker: 'cw', supervisor: 'sup', lawyer: 'law' }, deadline: { deadlineId: 'child_detention_notice' } });
  expect(row.dueInstant).toBe(row.input.deadline!.dueInstant);
});

test('an acknowledgement keeps the later alarms from that person only; everyone acknowledging takes the step out', () => {
  let s = detained('out-2', 'dispatcher');
  const now = Date.parse(at('2030-03-04', '23:00'));
  s = acknowledge(s, { deadlineId: 'child_detention_notice', series: 'alarm', by: 'sup', byRole: 'supervisor' }, now);
  expect(alarm1(s)[0]).toMatchObject({ except: ['sup'] });
  expect(alarm1(s)[0]!.recipients).not.toContain('supervisor');
  expect(alarm1(s)[0]!.recipients).toEqual(expect.arrayContaining(['caseworker', 'lawyer']));
  s = acknowledge(s, { deadlineId: 'child_detention_notice', series: 'alarm', by: 'cw', byRole: 'caseworker' }, now);
  s = acknowledge(s, { deadlineId: 'child_detention_notice', series: 'alarm', by: 'law', byRole: 'lawyer' }, now);
  expect(alarm1(s)).toEqual([]);
  expect(outboxRowsOf(s).some((r) => r.idempotencyBase.startsWith('out-2/child_detention_notice/') && r.idempotencyBase.endsWith('/alarm-1'))).toBe(false);
});

test('a deadline met, or the case closed, leaves nothing in the outbox; a case whose own clock sends writes none', () => {
  const s = detained('out-3', 'dispatcher');
  const released = recordByHand(s, 'procuraduria_notified', at('2030-03-04', '23:00'));
  const met = recordByHand(released, 'child_channelled_to_dif', at('2030-03-04', '23:30'));
  expect(met.deadlines.find((d) => d.deadlineId === 'child_detention_notice')!.status).not.toBe('open');
  expect(outboxRowsOf(met).filter((r) => r.idempotencyBase.includes('/child_detention_notice/'))).toEqual([]);
  expect(outboxRowsOf({ ...s, closed: { reason: 'test', at: at('2030-03-04', '23:00') } })).toEqual([]);
  expect(outboxRowsOf(detained('out-4'))).toEqual([]);
});

test("a case whose steps the dispatcher sends wakes for a step DISPATCHER_GRACE_MS after it; its miss instants stay on time", () => {
  const own = detained('out-5');
  const dispatched = detained('out-5', 'dispatcher');
  const ownNext = nextWake(own)!;
  expect(ownNext).toBe(ALARM_1);
  expect(nextWake(dispatched)).toBe(ALARM_1 + DISPATCHER_GRACE_MS);
  // With every step done, only the miss instant is left, the same for both.
  const allDone = (s: CaseState): CaseState => ({ ...s, deadlines: s.deadlines.map((d) => ({ ...d, done: d.steps.map((st) => st.id) })) });
  expect(nextWake(allDone(dispatched))).toBe(nextWake(allDone(own)));
  expect(nextWake(allDone(own))).toBe(Math.min(...own.deadlines.filter((d) => d.status === 'open' && d.missAt !== null).map((d) => d.missAt!)));
});

test('projection to projection, only what changed is written: the steps fired go, the steps up to the next wake come, an acknowledgement rewrites the steps it changes', () => {
  const s = detained('out-6', 'dispatcher');
  const first = outboxChangeOf(s, undefined);
  expect(first.change).toMatchObject({ full: true, removed: [] });
  expect(first.change.rows).toEqual(outboxRowsOf(s));
  // Nothing changed: nothing written.
  expect(outboxChangeOf(s, first.after)).toMatchObject({ moved: false, change: { full: false, rows: [], removed: [] } });
  // The case wakes after 02:00 (its grace): the steps fired leave, the steps up to its next wake come.
  const fired = fireDueSteps(s, ALARM_1 + DISPATCHER_GRACE_MS);
  const next = outboxChangeOf(fired.state, first.after);
  expect(next.moved).toBe(true);
  expect(next.change.removed.sort()).toEqual(fired.deliveries.map((d) => d.idempotencyBase).sort());
  const horizon = nextWake(fired.state)!;
  expect(horizon).toBeGreaterThan(ALARM_1 + DISPATCHER_GRACE_MS);
  expect(next.change.rows.map((r) => r.idempotencyBase).sort()).toEqual(pendingSteps(fired.state).filter((m) => m.stepAt <= horizon).map((m) => m.idempotencyBase).sort());
  expect(next.change.rows.length).toBeGreaterThan(0);
  // The supervisor acknowledges the notice's alarms: the pending ones are rewritten without them, nothing else.
  const acked = acknowledge(fired.state, { deadlineId: 'child_detention_notice', series: 'alarm', by: 'sup', byRole: 'supervisor' }, ALARM_1 + DISPATCHER_GRACE_MS + 60_000);
  const third = outboxChangeOf(acked, next.after);
  expect(third.change.removed).toEqual([]);
  expect(third.change.rows.length).toBeGreaterThan(0);
  expect(third.change.rows.every((r) => r.input.deadline?.deadlineId === 'child_detention_notice' && r.input.kind === 'alarm' && r.input.except?.includes('sup'))).toBe(true);
});
