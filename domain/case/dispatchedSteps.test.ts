/**
 * Issue 28, the dispatcher across cases (pure): what a case whose steps the dispatcher sends puts in the
 * outbox, and when it wakes itself. The outbox says what the case's own clock would send at that instant,
 * to the same people, under the same keys: both read domain/case/steps.ts stepDelivery.
 */
import { acknowledge, rejectAck, seriesToAcknowledge } from './acknowledgements';
import type { CaseState } from './state';
import { DISPATCHER_GRACE_MS, fireDueSteps, nextWake, NOTING_SPAN_MS, pendingSteps } from './steps';
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

/** A case opened since 'dispatched-steps-noted-later': the dispatcher sends, the case notes later. */
const notingLater = (id: string): CaseState => ({ ...detained(id, 'dispatcher'), notedLater: true });
const HOUR = 3_600_000;

test('a case that notes later sleeps through the alarms the dispatcher sends: one wake after the last step within NOTING_SPAN_MS, miss instants on time', () => {
  const s = notingLater('later-1');
  const misses = s.deadlines.filter((d) => d.status === 'open' && d.missAt !== null).map((d) => d.missAt!);
  const firstMiss = Math.min(...misses);
  // alarm-1 at 02:00 is the first pending step; the 36-hour limit's miss instant (10:00 the next day) comes first.
  expect(Math.min(...pendingSteps(s).map((m) => m.stepAt))).toBe(ALARM_1);
  expect(firstMiss).toBe(ALARM_1 + 32 * HOUR);
  expect(nextWake(s)).toBe(firstMiss);
  // Without a miss instant in the way: after the last step within the span, the week of four-hourly alarms.
  const noMiss: CaseState = { ...s, deadlines: s.deadlines.map((d) => ({ ...d, missAt: null })) };
  const inSpan = pendingSteps(noMiss).filter((m) => m.stepAt <= ALARM_1 + NOTING_SPAN_MS);
  const wake = nextWake(noMiss)!;
  expect(wake).toBe(Math.max(...inSpan.map((m) => m.stepAt)) + DISPATCHER_GRACE_MS);
  expect(wake).toBeGreaterThan(ALARM_1 + 6 * 24 * HOUR);
  const rows = outboxRowsOf(noMiss);
  expect(rows.map((r) => r.idempotencyBase).sort()).toEqual(inSpan.map((m) => m.idempotencyBase).sort());
  expect(rows.filter((r) => r.input.deadline?.deadlineId === 'child_detention_notice').length).toBeGreaterThan(40);
  // With the miss instant, the outbox stops at it.
  expect(outboxRowsOf(s).every((r) => r.stepAt <= firstMiss)).toBe(true);
  expect(outboxRowsOf(s).map((r) => r.input.stepId)).toEqual(expect.arrayContaining(['alarm-1', 'alarm-8']));
  // Waking, it fires (notes) every step due: the next span starts at the first step left.
  const woke = fireDueSteps(s, firstMiss);
  expect(woke.deliveries.map((d) => d.stepId)).toEqual(expect.arrayContaining(['alarm-1', 'alarm-8']));
  const first = Math.min(...pendingSteps(woke.state).map((m) => m.stepAt));
  expect(first).toBeGreaterThan(firstMiss);
  expect(nextWake(woke.state)).toBeLessThanOrEqual(first + NOTING_SPAN_MS + DISPATCHER_GRACE_MS);
  // Cases opened before keep their wake per step.
  expect(nextWake(detained('later-1', 'dispatcher'))).toBe(ALARM_1 + DISPATCHER_GRACE_MS);
});

test("the email's \"I'm on it\" works once the dispatcher's step is due, before the case notes it; never before its instant", () => {
  const s = notingLater('later-2');
  const ack = { deadlineId: 'child_detention_notice', series: 'alarm' as const, by: 'cw', byRole: 'caseworker' as const };
  // alarm-0 went out at the recording (noted): acknowledging is open already; the same question for a case
  // whose alarm-0 was not sent, by the steps' instants alone:
  const unsent: CaseState = { ...s, deadlines: s.deadlines.map((d) => ({ ...d, done: [] })) };
  const before = Date.parse(at('2030-03-04', '21:59'));
  expect(rejectAck(unsent, ack, before)).toMatch(/^series: nothing of the alarm series/);
  expect(rejectAck(unsent, ack, ALARM_1)).toBeNull();
  expect(seriesToAcknowledge(unsent, 'child_detention_notice', 'cw', 'caseworker', ALARM_1)).toBe('alarm');
  // A case noting as it wakes (the dispatcher's before) keeps the rule by what it noted.
  const own: CaseState = { ...unsent, notedLater: undefined };
  expect(rejectAck(own, ack, ALARM_1)).toMatch(/^series: nothing of the alarm series/);
});
