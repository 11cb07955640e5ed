/**
 * After a breach (LM arts. 98, 112 fr. I: a custody exit without channelling to DIF; LM art. 112 fr. III:
 * a return before the Procuraduría's plan), what happened next, and the return of a child who was never
 * detained. Pure: the rule pack, the deadline computation and the case model, no servers.
 */
import { computeCaseDeadline } from '../caseDeadline';
import { getRulePack, RULE_PACK } from '../rules/rulePack';
import { timelineText } from '../messages/timelineText';
import { CaseEventSchema, type CaseEvent } from './events';
import { eventShapeError } from './eventTypes';
import { planEvent } from './recordEvent';
import type { CaseState } from './state';
import { applyRecount } from './recount';
import { fireDueSteps } from './steps';
import { rejectEvent } from './transitions';
import { at, handIntake, openByHand, recordByHand } from '../../test/pureCase';

const intake = handIntake('after-1');
const open = (version = RULE_PACK.version) => openByHand(intake, version);
const record = recordByHand;
const refusal = (s: CaseState, type: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
  rejectEvent(s, { type, occurredAt, recordedBy: 'cw', ...extra } as CaseEvent, Date.parse(occurredAt) + 60_000);
const deadline = (s: CaseState, id: string) => s.deadlines.find((d) => d.deadlineId === id)!;
/** Messages the ladder sends between two instants (the workflow's clock, run by hand). */
const sentBetween = (s: CaseState, from: string, to: string) => {
  // What fell due before `from` goes out first, uncounted.
  let state = fireDueSteps(s, Date.parse(from)).state;
  const out: string[] = [];
  for (let t = Date.parse(from) + 3_600_000; t <= Date.parse(to); t += 3_600_000) {
    const r = fireDueSteps(state, t);
    state = r.state;
    out.push(...r.deliveries.map((d) => `${d.deadlineId}/${d.stepId}`));
  }
  return out;
};

/** Detained Mon 4 Mar 2030 22:00, the Procuraduría notified 00:30, released 08:00 without channelling: breached. */
function breached(): CaseState {
  let s = record(open(), 'detention_started', at('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' });
  s = record(s, 'procuraduria_notified', at('2030-03-05', '00:30'));
  return record(s, 'detention_ended', at('2030-03-05', '08:00'), { exit: 'released' });
}

test('LM arts. 98, 112: after a release without channelling, "child located" stops the alarm and keeps the breach as evidence', () => {
  let s = breached();
  expect(deadline(s, 'child_detention_notice')).toMatchObject({ status: 'missed', breachedAt: at('2030-03-05', '08:00') });
  // Unanswered, the alarm repeats every four hours (22:00 + 4k: 10:00 and 14:00 in these hours).
  expect(sentBetween(s, at('2030-03-05', '08:30'), at('2030-03-05', '16:30')).filter((x) => x.startsWith('child_detention_notice'))).toHaveLength(2);
  s = record(s, 'breach_followed_up', at('2030-03-05', '09:00'), { followUp: 'child_located', note: 'Albergue DIF Tapachula' });
  expect(deadline(s, 'child_detention_notice')).toMatchObject({ status: 'missed', breachedAt: at('2030-03-05', '08:00'), followedUp: { followUp: 'child_located', at: at('2030-03-05', '09:00') } });
  expect(sentBetween(s, at('2030-03-05', '09:30'), at('2030-03-12', '09:30')).filter((x) => x.startsWith('child_detention_notice'))).toEqual([]);
  // The timeline says what happened, in the reader's language.
  const row = s.timeline.find((t) => t.type === 'breach_followed_up')!;
  const ctx = { nameOf: (id: string) => id, label: (v: string) => ({ child_located: 'localizada/o de nuevo' })[v] ?? v, role: (r: string) => r, when: (v: string) => v };
  expect(timelineText({ ...row, deadlineId: row.deadlineId ?? null }, 'es', ctx)).toMatch(/localizada\/o de nuevo — Albergue DIF Tapachula$/);
  // Channelling the child later still meets it (late); a second follow-up has nothing left to follow.
  expect(refusal(s, 'breach_followed_up', at('2030-03-05', '10:00'), { followUp: 'complaint_filed' })).toBe('type: no breached deadline of this case awaits what happened next');
  s = record(s, 'child_channelled_to_dif', at('2030-03-06', '10:00'));
  expect(deadline(s, 'child_detention_notice')).toMatchObject({ status: 'met', late: true });
});

test('a complaint filed about the breach is what happened next too; with no breach there is nothing to follow up', () => {
  expect(refusal(open(), 'breach_followed_up', at('2030-03-05', '10:00'), { followUp: 'complaint_filed' })).toBe('type: no breached deadline of this case awaits what happened next');
  const s = record(breached(), 'breach_followed_up', at('2030-03-06', '10:00'), { followUp: 'complaint_filed' });
  expect(deadline(s, 'child_detention_notice').followedUp).toEqual({ followUp: 'complaint_filed', at: at('2030-03-06', '10:00') });
});

test('LM art. 112 fr. III: a child never detained, returned before the Procuraduría\'s plan, breaches the BID at once', () => {
  let s = record(open(), 'procuraduria_notified', at('2030-03-05', '10:00'));
  expect(deadline(s, 'bid_issued').status).toBe('open');
  const plan = planEvent(s, { type: 'child_returned_to_origin', occurredAt: at('2030-03-08', '09:00'), recordedBy: 'cw', exit: 'returned' });
  expect(plan.effects.breach).toEqual(['bid_issued']);
  s = record(s, 'child_returned_to_origin', at('2030-03-08', '09:00'), { exit: 'returned' });
  expect(deadline(s, 'bid_issued')).toMatchObject({ status: 'missed', breachedAt: at('2030-03-08', '09:00') });
  expect(s.timeline.filter((t) => t.deadlineId === 'bid_issued' && t.type === 'escalated').map((t) => t.summary)).toEqual([expect.stringMatching(/escalated at once to supervisor, lawyer$/)]);
  // What happened next: located in the country of origin (whereabouts known).
  s = record(s, 'breach_followed_up', at('2030-03-20', '09:00'), { followUp: 'child_located' });
  expect(deadline(s, 'bid_issued').followedUp?.followUp).toBe('child_located');
});

test('a detained child\'s return is the end of the detention, not this event; the fields are checked by name', () => {
  const s = record(open(), 'detention_started', at('2030-03-04', '22:00'), { place: 'Estación migratoria' });
  expect(refusal(s, 'child_returned_to_origin', at('2030-03-05', '09:00'), { exit: 'deported' })).toBe('type: the child is detained: record detention_ended with its exit (returned or deported)');
  // The API's schema and the workflow's plain check both name the field.
  const parsed = CaseEventSchema.safeParse({ type: 'child_returned_to_origin', occurredAt: '2030-03-05', recordedBy: 'cw', exit: 'released' });
  expect(parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'))).toEqual(['exit']);
  expect(eventShapeError({ type: 'child_returned_to_origin', occurredAt: '2030-03-05', recordedBy: 'cw' })).toBe("exit: must be one of 'returned', 'deported'");
  expect(eventShapeError({ type: 'breach_followed_up', occurredAt: '2030-03-05', recordedBy: 'cw', followUp: 'found' })).toBe("followUp: must be one of 'child_located', 'complaint_filed'");
});

test('a suspension declared later recounts a breached, followed-up BID target: still missed, its alarm not woken', () => {
  let s = record(open(), 'procuraduria_notified', at('2030-03-05', '10:00'));
  s = record(s, 'child_returned_to_origin', at('2030-03-08', '09:00'), { exit: 'deported' });
  s = record(s, 'breach_followed_up', at('2030-03-09', '09:00'), { followUp: 'complaint_filed' });
  const d = deadline(s, 'bid_issued');
  // The same target counted again with a Procuraduría suspension inside it: later steps, none of them sent.
  const recounted = computeCaseDeadline(getRulePack(s.rulePack), [{ id: 'pfpnna-2030', kind: 'suspension', start: '2030-03-18', end: '2030-03-22', scope: { agency: 'PFPNNA', exceptRules: [] }, citation: { dof: '2030-03-01', title: 'Acuerdo de prueba', verified: false } }], undefined, { deadlineId: d.deadlineId, ruleId: d.ruleId, trigger: d.trigger });
  expect(recounted.dueInstant).not.toBe(d.dueInstant);
  const next = applyRecount(s, [recounted], Date.parse(at('2030-03-10', '09:00')));
  expect(deadline(next, 'bid_issued')).toMatchObject({ status: 'missed', dueInstant: recounted.dueInstant });
  expect(sentBetween(next, at('2030-03-10', '09:30'), at('2030-05-30', '09:30'))).toEqual([]);
});
