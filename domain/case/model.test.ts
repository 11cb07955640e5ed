/**
 * The case model without servers: compute, then apply (nothing changes until the computed deadlines are
 * handed in, and a mismatch changes nothing); acknowledgements per person; steps due before the case was
 * in Plazo; corrections. Deadlines here are hand-made ComputedDeadlines with a short ladder.
 */
import { acknowledge, rejectAck } from './acknowledgements';
import { correctedEvents, mergeCorrection, rejectCorrection } from './corrections';
import type { CaseEvent, CaseIntake } from './events';
import { newCase } from './opening';
import { applyEvent, deadlinesToOpen, planEvent } from './recordEvent';
import type { CaseState, ComputedDeadline, RuleSummary } from './state';
import { fireDueSteps } from './steps';
import { mexicoTimeMs } from '../time/instant';

const H = 3600_000;
const T0 = Date.parse('2030-03-04T10:00:00-06:00'); // Mon 4 Mar 2030, 10:00 in Mexico City
const rules: RuleSummary[] = [
  { id: 'sre_opinion', title: 'SRE opinion', triggerEvent: 'sre_opinion_requested', satisfiedBy: ['sre_opinion_received'], unit: 'business_days', kind: 'law', citation: 'test' },
];
const intake: CaseIntake = {
  caseId: 'm-1',
  child: { name: 'X' },
  assignments: { caseworker: 'cw', supervisor: 'sup', lawyer: 'law' },
  openedAt: new Date(T0).toISOString(),
  recordedBy: 'cw',
};
const requested = (occurredAt: string): CaseEvent => ({ type: 'sre_opinion_requested', occurredAt, recordedBy: 'cw' });
/** What the activity would answer: due 10 days after the trigger, a reminder the day before, then overdue repeats to the supervisor. */
const computed = (deadlineId: string, trigger: string): ComputedDeadline => {
  const at = mexicoTimeMs(trigger.slice(0, 10), '09:00');
  return {
    deadlineId, ruleId: 'sre_opinion', trigger, due: 'd', dueLatest: 'd', dueInstant: new Date(at + 10 * 24 * H).toISOString(), dueLatestInstant: new Date(at + 10 * 24 * H).toISOString(),
    citation: 'test', kind: 'law', unit: 'business_days', length: 10, calendar: 'lfpa-art28', rulePack: 't', skipped: [], overlaysApplied: [], missAt: at + 11 * 24 * H,
    steps: [
      { id: 'reminder-1', series: 'reminder', at: at + 9 * 24 * H, recipients: ['caseworker'] },
      { id: 'due', series: 'due', at: at + 10 * 24 * H, recipients: ['caseworker', 'supervisor', 'lawyer'] },
      { id: 'overdue-1', series: 'overdue', at: at + 11 * 24 * H, recipients: ['supervisor'] },
      { id: 'overdue-2', series: 'overdue', at: at + 12 * 24 * H, recipients: ['supervisor'] },
    ],
  };
};
const open = (): CaseState => newCase(intake, 't', rules, T0);
/** Plan and apply on the same case, as when nothing happens between the two. */
const record = (s: CaseState, e: CaseEvent, c: ComputedDeadline[], at: Parameters<typeof applyEvent>[3]) => applyEvent(s, planEvent(s, e), c, at);

test('compute, then apply: planning changes nothing; a computation that does not answer the plan changes nothing either', () => {
  const s = open();
  const before = JSON.stringify(s);
  const e = requested('2030-03-04');
  expect(deadlinesToOpen(s, e)).toEqual([{ deadlineId: 'sre_opinion', ruleId: 'sre_opinion', trigger: '2030-03-04' }]);
  const plan = planEvent(s, e);
  expect(plan.effects.open).toEqual(deadlinesToOpen(s, e));
  expect(() => applyEvent(s, plan, [computed('something_else', '2030-03-04')], { receivedAt: T0, now: T0 })).toThrow(/do not answer the requests/);
  const after = applyEvent(s, plan, [computed('sre_opinion', '2030-03-04')], { receivedAt: T0, now: T0 });
  expect(JSON.stringify(s)).toBe(before);
  expect(after.deadlines.map((d) => [d.deadlineId, d.status])).toEqual([['sre_opinion', 'open']]);
  expect(after.events).toEqual([{ seq: 2, event: e }]);
});

test("an acknowledgement keeps a series from one person only; pressing again changes nothing", () => {
  let s = record(open(), requested('2030-03-04'), [computed('sre_opinion', '2030-03-04')], { receivedAt: T0, now: T0 });
  const due = T0 + 10 * 24 * H;
  s = fireDueSteps(s, due, false).state; // reminder-1 and due sent
  expect(rejectAck(s, { deadlineId: 'sre_opinion', series: 'overdue', by: 'sup', byRole: 'supervisor' }, due)).toMatch(/nothing of the overdue series .* has been sent to sup yet/);
  expect(rejectAck(s, { deadlineId: 'sre_opinion', series: 'reminder', by: 'sup', byRole: 'supervisor' }, due)).toMatch(/is not sent to sup/);
  const acked = acknowledge(s, { deadlineId: 'sre_opinion', series: 'due', by: 'cw', byRole: 'caseworker' }, due);
  expect(acknowledge(acked, { deadlineId: 'sre_opinion', series: 'due', by: 'cw', byRole: 'caseworker' }, due + 1)).toBe(acked);
  // The overdue series still reaches the supervisor, whatever the caseworker acknowledged.
  const { deliveries } = fireDueSteps(acked, due + 26 * H, false);
  expect(deliveries.map((d) => [d.stepId, d.recipients])).toEqual([['overdue-1', ['supervisor']]]);
  // The supervisor's own acknowledgement keeps overdue-2 from him alone: with nobody else on it, nothing goes.
  const supAck = acknowledge(fireDueSteps(acked, due + 26 * H, false).state, { deadlineId: 'sre_opinion', series: 'overdue', by: 'sup', byRole: 'supervisor' }, due + 26 * H);
  expect(fireDueSteps(supAck, due + 50 * H, false).deliveries).toEqual([]);
});

test('steps due before the case was in Plazo are not sent; one summary later names what is still open', () => {
  // Requested 30 days before the case was entered: every step is in the past.
  const s = record(open(), requested('2030-02-01'), [computed('sre_opinion', '2030-02-01')], { receivedAt: T0, now: T0 });
  const d = s.deadlines[0]!;
  expect(d.notSent).toEqual(['reminder-1', 'due', 'overdue-1', 'overdue-2']);
  expect(s.timeline.at(-1)!.summary).toMatch(/not sent: before the case was in Plazo/);
  expect(fireDueSteps(s, T0 + 60_000, false).deliveries).toEqual([]);
  const fired = fireDueSteps(s, T0 + 10 * 60_000, false);
  expect(fired.summary).toEqual({ idempotencyBase: 'm-1/summary/before-plazo', recipients: ['caseworker', 'supervisor', 'lawyer'], deadlineIds: ['sre_opinion'] });
  expect(fireDueSteps(fired.state, T0 + 60 * 60_000, false).summary).toBeUndefined();
});

test('a corrected event is rebuilt in place; voided, it is gone; the timeline keeps the original', () => {
  const s = record(open(), requested('2030-03-01'), [computed('sre_opinion', '2030-03-01')], { receivedAt: T0, now: T0 });
  const c = { eventSeq: 2, action: 'correct' as const, event: requested('2030-03-04'), reason: 'wrong day', by: 'cw' };
  expect(rejectCorrection(s, { ...c, event: { type: 'bid_issued', occurredAt: '2030-03-04', recordedBy: 'cw' } })).toMatch(/^event.type: /);
  expect(rejectCorrection(s, { ...c, eventSeq: 99 })).toMatch(/^eventSeq: /);
  expect(correctedEvents(s, c)).toEqual([{ seq: 2, event: requested('2030-03-04') }]);
  expect(correctedEvents(s, { ...c, action: 'void', event: undefined })).toEqual([]);
  const rebuilt = record(open(), requested('2030-03-04'), [computed('sre_opinion', '2030-03-04')], { receivedAt: T0, now: T0, eventSeq: 2 });
  const merged = mergeCorrection(s, rebuilt, c, T0 + H);
  expect(merged.deadlines[0]!.trigger).toBe('2030-03-04');
  expect(merged.timeline.filter((t) => t.type === 'sre_opinion_requested').map((t) => t.at)).toEqual(['2030-03-01']);
  expect(merged.timeline.map((t) => t.type)).toEqual(expect.arrayContaining(['event_corrected', 'deadline_moved']));
});

test("timeline entries carry their data only on runs that record it (patched 'timeline-as-data'); older runs' entries stay as they were", () => {
  const old = record(open(), requested('2030-03-04'), [computed('sre_opinion', '2030-03-04')], { receivedAt: T0, now: T0 });
  expect(old.timeline.filter((t) => 'detail' in t)).toEqual([]);
  const s = newCase(intake, 't', rules, T0, { timelineData: true });
  const after = record(s, requested('2030-03-04'), [computed('sre_opinion', '2030-03-04')], { receivedAt: T0, now: T0 });
  expect(after.timeline.map((t) => t.detail)).toEqual([
    { kind: 'case_opened', rulePack: 't' },
    { kind: 'event', event: requested('2030-03-04') },
    { kind: 'deadline_opened', due: 'd', dueLatest: 'd', citation: 'test', trigger: '2030-03-04' },
  ]);
  // The English summary stays what it was: the API's field, and what older readers read.
  expect(after.timeline.map((t) => t.summary)).toEqual(old.timeline.map((t) => t.summary));
});
