/**
 * Issue 23 item 1: what detention events mean under the law, from mx-2027.2 on (pure: the rule pack, the
 * deadline computation and the case model, no servers). Older packs keep their meaning (the last tests).
 *
 * LM art. 112 fr. I (DOF 11-11-2020): INM notifies the Procuraduría AND channels the child to DIF "de
 * inmediato"; art. 98: no child stays in a migration station; art. 99: no child is detained. Ley de Amparo
 * art. 17 fr. IV: an amparo "en cualquier tiempo" against attacks on personal liberty outside a procedure.
 */
import { getRulePack, RULE_PACK } from '../rules/rulePack';
import { planEvent } from './recordEvent';
import type { CaseState } from './state';
import { rejectEvent } from './transitions';
import { at, handIntake, openByHand, recordByHand } from '../../test/pureCase';
import { timelineText } from '../messages/timelineText';

const intake = handIntake('sem-1');
const open = (version: string): CaseState => openByHand(intake, version);
const record = recordByHand;
const status = (s: CaseState, id: string) => s.deadlines.find((d) => d.deadlineId === id)?.status;
const detained = (s: CaseState) => record(s, 'detention_started', at('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' });

test('mx-2027.2 extends mx-2027.1 with a changelog per changed rule, and the pack in force (mx-2027.3) keeps its detention rules', () => {
  const pack = getRulePack('mx-2027.2');
  expect(RULE_PACK.extends).toBe(pack.version);
  for (const id of ['child_detention_notice', 'detention_36h', 'amparo_now']) {
    expect({ ...RULE_PACK.rules.find((r) => r.id === id), citation: undefined }).toEqual({ ...pack.rules.find((r) => r.id === id), citation: undefined });
  }
  expect(pack).toMatchObject({ extends: 'mx-2027.1', effectiveFrom: '2026-12-07' });
  expect(pack.changelog.map((c) => c.ruleId).sort()).toEqual(
    ['amparo_now', 'amparo_term', 'bid_issued', 'child_detention_notice', 'detention_36h', 'nulidad_term', 'recurso_revision'],
  );
  // Every rule says who is told at each step, by role.
  expect(pack.rules.every((r) => r.recipients && Object.keys(r.recipients).length > 0)).toBe(true);
});

test('LM art. 112 fr. I: notice to the Procuraduría AND channelling to DIF meet the immediate notice; channelling ends INM custody', () => {
  let s = detained(open('mx-2027.2'));
  expect(s.facts.detained).toBe(true);
  s = record(s, 'procuraduria_notified', at('2030-03-05', '00:30'));
  expect(status(s, 'child_detention_notice')).toBe('open'); // notice alone: the child is still in INM's hands
  s = record(s, 'child_channelled_to_dif', at('2030-03-05', '11:00'));
  expect(status(s, 'child_detention_notice')).toBe('met');
  // Channelling ends custody: the case leaves DETENIDO and the 36-hour count is met (its alarms stop).
  expect(s.facts.detained).toBe(false);
  expect(status(s, 'detention_36h')).toBe('met');
  // No second event is needed; one would be refused.
  expect(rejectEvent(s, { type: 'detention_ended', occurredAt: at('2030-03-05', '12:00'), recordedBy: 'cw' }, Date.parse(at('2030-03-05', '12:05')))).toBe(
    'type: the child is not detained',
  );
});

test('channelled first, notified later: met only when both have happened (LM art. 112 fr. I)', () => {
  let s = record(detained(open('mx-2027.2')), 'child_channelled_to_dif', at('2030-03-05', '01:00'));
  expect(s.facts.detained).toBe(false);
  expect(status(s, 'child_detention_notice')).toBe('open');
  s = record(s, 'procuraduria_notified', at('2030-03-05', '02:00'));
  expect(status(s, 'child_detention_notice')).toBe('met');
});

test('LM arts. 98, 112: a release without channelling is never "met": the deadline is breached and stays open', () => {
  let s = record(detained(open('mx-2027.2')), 'procuraduria_notified', at('2030-03-05', '00:30'));
  const plan = planEvent(s, { type: 'detention_ended', occurredAt: at('2030-03-05', '08:00'), recordedBy: 'cw', exit: 'released' });
  expect(plan.effects.breach).toEqual(['child_detention_notice']);
  expect(plan.effects.meet).toEqual(['detention_36h']);
  s = record(s, 'detention_ended', at('2030-03-05', '08:00'), { exit: 'released' });
  const notice = s.deadlines.find((d) => d.deadlineId === 'child_detention_notice')!;
  expect(notice).toMatchObject({ status: 'missed', breachedAt: at('2030-03-05', '08:00') });
  expect(s.facts.detained).toBe(false);
  expect(s.timeline.filter((t) => t.type === 'escalated' && t.deadlineId === 'child_detention_notice')).toHaveLength(1);
  // The timeline says it in the reader's language.
  const roles: Record<string, string> = { supervisor: 'supervisión', lawyer: 'abogacía' };
  const ctx = { nameOf: (id: string) => id, label: (v: string) => v, role: (r: string) => roles[r] ?? r, when: (v: string) => v };
  const said = s.timeline.filter((t) => t.deadlineId === 'child_detention_notice' && ['escalated', 'deadline_missed'].includes(t.type)).map((t) => timelineText({ ...t, deadlineId: t.deadlineId ?? null }, 'es', ctx));
  expect(said).toEqual([expect.stringMatching(/: incumplido: Fin de detención$/), expect.stringMatching(/: escalado de inmediato a supervisión, abogacía$/)]);
  // It stays open until a person records what happened: the child channelled to DIF after all.
  s = record(s, 'child_channelled_to_dif', at('2030-03-06', '10:00'));
  expect(s.deadlines.find((d) => d.deadlineId === 'child_detention_notice')).toMatchObject({ status: 'met', late: true });
});

test('LM art. 112: a deportation before the BID breaches the BID too', () => {
  let s = record(detained(open('mx-2027.2')), 'procuraduria_notified', at('2030-03-05', '00:30'));
  expect(status(s, 'bid_issued')).toBe('open');
  const plan = planEvent(s, { type: 'detention_ended', occurredAt: at('2030-03-05', '09:00'), recordedBy: 'cw', exit: 'deported' });
  expect(plan.effects.breach.sort()).toEqual(['bid_issued', 'child_detention_notice']);
  s = record(s, 'detention_ended', at('2030-03-05', '09:00'), { exit: 'deported' });
  expect(status(s, 'bid_issued')).toBe('missed');
  expect(status(s, 'child_detention_notice')).toBe('missed');
});

test('Ley de Amparo art. 17 fr. IV, LM art. 99: a child\'s detention opens amparo_now', () => {
  const s = detained(open('mx-2027.2'));
  expect(s.deadlines.map((d) => d.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice', 'detention_36h']);
  // A removal order on top of it does not open a second one while the first is live.
  const again = record(s, 'removal_or_incommunicado', at('2030-03-05', '01:00'), { ground: 'deportation' });
  expect(again.deadlines.filter((d) => d.ruleId === 'amparo_now')).toHaveLength(1);
  expect(status(record(again, 'amparo_filed', at('2030-03-05', '02:00')), 'amparo_now')).toBe('met');
});

test('cases opened under mx-2027.1 keep its meaning: release meets the notice, channelling leaves the child detained, no amparo_now', () => {
  let s = detained(open('mx-2027.1'));
  expect(s.deadlines.map((d) => d.deadlineId).sort()).toEqual(['child_detention_notice', 'detention_36h']);
  const channelled = record(s, 'child_channelled_to_dif', at('2030-03-05', '01:00'));
  expect(channelled.facts.detained).toBe(true);
  s = record(s, 'detention_ended', at('2030-03-05', '08:00'), { exit: 'deported' });
  expect(status(s, 'child_detention_notice')).toBe('met');
  expect(s.timeline.some((t) => t.type === 'escalated')).toBe(false);
});
