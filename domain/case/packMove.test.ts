/**
 * A case opened under mx-2026.1 counted again under mx-2026.2, by hand:
 * - child born Fri 31 Mar 2012: 18 on Sun 31 Mar 2030; mx-2026.1 rolled it to Mon 1 Apr, mx-2026.2 never
 *   rolls a birthday (earlier: applies at once);
 * - claim filed Tue 24 Apr 2029: first weekly signature on Tue 1 May, a holiday (LFPA art. 28); mx-2026.1
 *   moved it to Wed 2 May, mx-2026.2 drops it and the next is Tue 8 May (later: waits for a person);
 * - the SRE opinion requested Wed 25 Apr: mx-2026.2 has no such rule (dropped: waits for a person);
 * - mx-2026.2 adds COMAR's 72 h notice to INM (from the filing) and the interview target.
 */
import { getRulePack, RULE_PACKS } from '../index';
import { computeCaseDeadline, summarizeRules } from '../caseDeadline';
import { packReasons } from '../rules/packChangelog';
import type { CaseEvent, CaseIntake } from './events';
import { decidePackChange, moveToPack, packChanges, rebuildUnderPack, rejectPackDecision } from './packMove';
import { replay } from './replay';
import type { CaseState } from './state';

const intake: CaseIntake = { caseId: 'pm-1', child: { name: 'N. N.', birthDate: '2012-03-31' }, assignments: { caseworker: 'a', supervisor: 'b', lawyer: 'c' }, openedAt: '2029-04-20T15:00:00.000Z', recordedBy: 'a' };
const events: CaseEvent[] = [
  { type: 'entered_mexico', occurredAt: '2029-04-16', recordedBy: 'a' },
  { type: 'asylum_claim_filed', occurredAt: '2029-04-24T16:00:00.000Z', recordedBy: 'a' },
  { type: 'sre_opinion_requested', occurredAt: '2029-04-25T16:00:00.000Z', recordedBy: 'a' },
] as CaseEvent[];
const NOW = Date.parse('2029-04-26T16:00:00.000Z');
const compute = async (s: CaseState, reqs: Parameters<typeof computeCaseDeadline>[3][]) => reqs.map((r) => computeCaseDeadline(getRulePack(s.rulePack), [], s.office, r));
const steps = { compute, now: () => NOW };
const from = getRulePack('mx-2026.1');
const to = getRulePack('mx-2026.2');

async function opened(): Promise<CaseState> {
  return replay(intake, { rulePack: from.version, rules: summarizeRules(from), inPlazoSince: 0 }, events.map((event) => ({ event })), steps);
}
const rebuild = (s: CaseState) => rebuildUnderPack(intake, s, { rulePack: to.version, rules: summarizeRules(to) }, steps);

test('a dry run lists Add / Update / Delete with old and new dates and the reason, changing nothing', async () => {
  const s = await opened();
  const before = JSON.stringify(s);
  const changes = packChanges(s, await rebuild(s), packReasons(from, to, RULE_PACKS));
  expect(JSON.stringify(s)).toBe(before);
  const brief = changes.map((c) => [c.action, c.deadlineId, c.before?.due ?? null, c.after?.due.slice(0, 10) ?? null, c.needsAcceptance]);
  expect(brief).toEqual([
    ['update', 'age_of_majority', '2030-04-01', '2030-03-31', false],
    ['update', 'weekly_signature#1', '2029-05-02', '2029-05-08', true],
    ['delete', 'sre_opinion', '2029-05-17', null, true],
    ['add', 'comar_notice_to_inm', null, '2029-04-27', false],
    ['add', 'interview_target', null, '2029-05-24', false],
  ]);
  expect(changes.find((c) => c.deadlineId === 'weekly_signature#1')!.reason).toContain('onClosedDay');
  expect(changes.find((c) => c.deadlineId === 'sre_opinion')!.reason).toBe('mx-2026.2 drops the rule (no changelog entry)');
});

test('moving applies earlier dates and additions, holds later ones; a second application changes nothing', async () => {
  const s = await opened();
  const rebuilt = await rebuild(s);
  const reasons = packReasons(from, to, RULE_PACKS);
  const { state, announce } = moveToPack(s, rebuilt, packChanges(s, rebuilt, reasons), 'c', NOW);
  expect(announce.map((c) => c.deadlineId)).toEqual(['age_of_majority', 'comar_notice_to_inm', 'interview_target']);
  const d = (id: string) => state.deadlines.find((x) => x.deadlineId === id)!;
  expect([state.rulePack, d('age_of_majority').due, d('age_of_majority').rulePack]).toEqual(['mx-2026.2', '2030-03-31', 'mx-2026.2']);
  expect([d('weekly_signature#1').due, d('weekly_signature#1').rulePack, d('weekly_signature#1').pendingPack?.after?.due]).toEqual(['2029-05-02', 'mx-2026.1', '2029-05-08']);
  expect([d('sre_opinion').status, d('sre_opinion').pendingPack?.action]).toEqual(['open', 'delete']);
  // Unchanged dates name the new pack: comar_decision counts the same under both.
  expect(d('comar_decision').rulePack).toBe('mx-2026.2');

  const again = moveToPack(state, await rebuild(state), packChanges(state, await rebuild(state), reasons), 'c', NOW + 1000);
  expect(again.state).toBe(state);
  expect(again.announce).toEqual([]);

  expect(rejectPackDecision(state, { deadlineId: 'sre_opinion', accept: false, by: 'c' })).toBe('reason: say why the change is refused (at least 3 characters)');
  const accepted = decidePackChange(state, { deadlineId: 'weekly_signature#1', accept: true, by: 'c' }, NOW + 2000);
  expect([accepted.deadlines.find((x) => x.deadlineId === 'weekly_signature#1')!.due, accepted.timeline.at(-1)!.type, accepted.timeline.at(-1)!.by]).toEqual(['2029-05-08', 'deadline_moved', 'c']);
  const refused = decidePackChange(accepted, { deadlineId: 'sre_opinion', accept: false, by: 'c', reason: 'COMAR still asked the SRE' }, NOW + 3000);
  const sre = refused.deadlines.find((x) => x.deadlineId === 'sre_opinion')!;
  expect([sre.status, sre.pendingPack, sre.refusedPacks]).toEqual(['open', undefined, ['mx-2026.2']]);
  // Refused: not proposed again.
  expect(packChanges(refused, await rebuild(refused), reasons)).toEqual([]);
});
