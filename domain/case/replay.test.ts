/**
 * One sequence opens a case and rebuilds it for a correction: replayed from the intake, each event planned
 * once and applied with the deadlines computed for it. `compute` stands in for the activity with hand-made
 * ComputedDeadlines (as in model.test.ts), and records what it was asked, naming which input.
 */
import type { CaseEvent, CaseIntake } from './events';
import { reassignmentNotice } from './reassignment';
import { applyEvent, planEvent } from './recordEvent';
import { intakeEvents, replay, type ReplayedEvent, type ReplaySteps } from './replay';
import type { ComputedDeadline, RuleSummary } from './state';
import { fireDueSteps } from './steps';
import type { OpenRequest } from './transitions';
import { mexicoTimeMs } from '../time/mexicoClock';

const H = 3600_000;
const T0 = Date.parse('2030-03-04T10:00:00-06:00'); // Mon 4 Mar 2030, 10:00 in Mexico City
const rules: RuleSummary[] = [
  { id: 'age_of_majority', title: 'Age of majority', triggerEvent: 'date_of_birth', satisfiedBy: [], unit: 'calendar_days', kind: 'law', citation: 'test' },
  { id: 'sre_opinion', title: 'SRE opinion', triggerEvent: 'sre_opinion_requested', satisfiedBy: ['sre_opinion_received'], unit: 'business_days', kind: 'law', citation: 'test' },
];
const intake: CaseIntake = {
  caseId: 'r-1',
  child: { name: 'X', birthDate: '2015-06-01' },
  entryDate: '2030-02-20',
  assignments: { caseworker: 'cw', supervisor: 'sup', lawyer: 'law' },
  openedAt: new Date(T0).toISOString(),
  recordedBy: 'cw',
};
const requested = (occurredAt: string): CaseEvent => ({ type: 'sre_opinion_requested', occurredAt, recordedBy: 'cw' });

/** What the activity would answer: due 10 days after the trigger (the coming of age: a year after T0), a reminder the day before. */
const answer = (r: OpenRequest): ComputedDeadline => {
  const at = r.ruleId === 'age_of_majority' ? T0 + 365 * 24 * H : mexicoTimeMs(r.trigger.slice(0, 10), '09:00') + 10 * 24 * H;
  return {
    deadlineId: r.deadlineId, ruleId: r.ruleId, trigger: r.trigger, due: 'd', dueLatest: 'd', dueInstant: new Date(at).toISOString(), dueLatestInstant: new Date(at).toISOString(),
    citation: 'test', kind: 'law', unit: 'business_days', length: 10, calendar: 'lfpa-art28', rulePack: 't', skipped: [], overlaysApplied: [], missAt: at + 24 * H,
    steps: [{ id: 'reminder-1', series: 'reminder', at: at - 24 * H, recipients: ['caseworker'] }],
  };
};

/** A compute that answers every request and keeps, per call, the input named and the deadlines asked for. */
function counting(): ReplaySteps & { asked: [string, string[]][] } {
  const asked: [string, string[]][] = [];
  return {
    asked,
    compute: async (_s, requests, field) => {
      asked.push([field, requests.map((r) => r.deadlineId)]);
      return requests.map(answer);
    },
    now: () => T0,
  };
}

test('opening replays the intake: the birth-date deadlines, then the entry as the first event; errors about it would name entryDate', async () => {
  const steps = counting();
  const s = await replay(intake, { rulePack: 't', rules, inPlazoSince: T0 }, intakeEvents(intake), steps);
  expect(steps.asked).toEqual([['child.birthDate', ['age_of_majority']], ['entryDate', []]]);
  expect(s.timeline.map((t) => t.type)).toEqual(['case_opened', 'deadline_opened', 'entered_mexico']);
  expect(s.events).toEqual([{ seq: 3, event: { type: 'entered_mexico', occurredAt: '2030-02-20', recordedBy: 'cw' } }]);
  expect(s.inPlazoSince).toBe(T0);
  expect(s.facts.entryDate).toBe('2030-02-20');
  // A run from before "in Plazo since" was kept stays that way.
  expect((await replay(intake, { rulePack: 't', rules }, [], counting())).inPlazoSince).toBeUndefined();
});

test('a rebuild replays the events under their first seqs and gives the case they make; one that no longer stands is refused by the caller', async () => {
  const opened = await replay(intake, { rulePack: 't', rules, inPlazoSince: T0 - H }, intakeEvents(intake), counting());
  const plan = planEvent(opened, requested('2030-03-01'));
  const recorded = applyEvent(opened, plan, plan.effects.open.map(answer), { receivedAt: T0, now: T0 });
  expect(recorded.events!.map((e) => e.seq)).toEqual([3, 4]);

  const steps = counting();
  const corrected: ReplayedEvent[] = recorded.events!.map((e) => (e.seq === 4 ? { seq: 4, event: requested('2030-03-04') } : e));
  const rebuilt = await replay(intake, { rulePack: 't', rules, inPlazoSince: recorded.inPlazoSince }, corrected, steps);
  expect(steps.asked).toEqual([['child.birthDate', ['age_of_majority']], ['occurredAt', []], ['occurredAt', ['sre_opinion']]]);
  expect(rebuilt.events).toEqual([{ seq: 3, event: recorded.events![0]!.event }, { seq: 4, event: requested('2030-03-04') }]);
  expect(rebuilt.deadlines.map((d) => [d.deadlineId, d.trigger])).toEqual([['age_of_majority', '2015-06-01'], ['sre_opinion', '2030-03-04']]);
  expect(rebuilt.inPlazoSince).toBe(T0 - H);

  // No claim is filed on this case, so no SRE opinion can be requested: refused when the caller asks (a
  // correction), taken as given when it does not (the history above).
  const refused: string[] = [];
  const refuse = (e: ReplayedEvent, reason: string): never => {
    refused.push(`#${e.seq} ${reason}`);
    throw new Error(reason);
  };
  await expect(replay(intake, { rulePack: 't', rules }, corrected, { ...counting(), refuse })).rejects.toThrow('type: no claim is filed');
  expect(refused).toEqual(['#4 type: no claim is filed']);
});

test('a plan made before the clock sent steps applies to the case as it is after', async () => {
  const opened = await replay({ ...intake, child: { name: 'X' } }, { rulePack: 't', rules, inPlazoSince: T0 - 30 * 24 * H }, [], counting());
  const first = planEvent(opened, requested('2030-03-01'));
  const s = applyEvent(opened, first, first.effects.open.map(answer), { receivedAt: T0, now: T0 });
  const plan = planEvent(s, { type: 'sre_opinion_received', occurredAt: '2030-03-12', recordedBy: 'cw' });
  const fired = fireDueSteps(s, Date.parse('2030-03-13T10:00:00-06:00')).state; // reminder-1 sent and the deadline missed meanwhile
  expect(fired.deadlines[0]!.status).toBe('missed');
  const after = applyEvent(fired, plan, [], { receivedAt: T0, now: T0 });
  expect(after.deadlines[0]).toMatchObject({ status: 'met', late: true, done: ['reminder-1'] });
  expect(after.timeline.slice(0, fired.timeline.length)).toEqual(fired.timeline);
});

test('a change of holder calls for one notice to both sides, keyed by the case version after it; other events call for none', async () => {
  const before = await replay(intake, { rulePack: 't', rules, inPlazoSince: T0 }, [], counting());
  const e: CaseEvent = { type: 'assignment_changed', occurredAt: '2030-03-04', recordedBy: 'sup', role: 'caseworker', userId: 'cw-2', note: 'vacaciones' };
  const after = applyEvent(before, planEvent(before, e), [], { receivedAt: T0, now: T0 });
  expect(after.assignments.caseworker).toBe('cw-2');
  expect(reassignmentNotice(before, after, e)).toEqual({ idempotencyBase: `r-1/reassigned/${after.seq}`, role: 'caseworker', from: 'cw', to: 'cw-2', by: 'sup', reason: 'vacaciones' });
  expect(reassignmentNotice(before, after, requested('2030-03-04'))).toBeUndefined();
});
