/**
 * The workflow's own checks of facts that cannot be true (domain/case/factChecks.ts), on the
 * time-skipping server: its Update validator refuses them naming the field and the case stays exactly
 * as it was; an intake that cannot be true fails before anything is opened.
 */
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { createCaseHarness, mx, PEOPLE, type CaseHarness } from '../test/caseHarness';
import { correctEventUpdate, recordEventUpdate, stateQuery } from './caseDefinitions';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('case-facts');
});
afterAll(() => h?.teardown());

const ana = PEOPLE.caseworker;

test('the Update validator refuses an impossible fact naming the field, and the case is left as it was', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2029-12-06', '10:00'));
    const handle = await h.startCase({ caseId: 'facts-1', child: { name: 'R. M.', birthDate: '2014-03-02' }, entryDate: '2029-12-04' });
    await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'procuraduria_notified', occurredAt: '2029-12-05', recordedBy: ana.id }] });
    const before = await handle.query(stateQuery);
    const refused = async (e: Record<string, unknown>) => {
      const err = await handle.executeUpdate(recordEventUpdate, { args: [{ recordedBy: ana.id, ...e } as never] }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      return (err as WorkflowUpdateFailedError).cause?.message;
    };
    // 04/12 read as 12 April: the claim before the child entered Mexico.
    expect(await refused({ type: 'asylum_claim_filed', occurredAt: '2029-04-12' })).toBe(
      'occurredAt: 2029-04-12 is before the child entered Mexico (2029-12-04); asylum claim filed happens in Mexico',
    );
    expect(await refused({ type: 'case_closed', occurredAt: '2014-03-01', reason: 'other' })).toBe("occurredAt: 2014-03-01 is before the child's birth date (2014-03-02)");
    expect(await refused({ type: 'entered_mexico', occurredAt: '2029-12-06' })).toMatch(/^occurredAt: 2029-12-06 is after procuraduria notified \(2029-12-05\)/);
    // A correction that would move the notice before the entry is refused too.
    const notice = before.timeline.find((t) => t.type === 'procuraduria_notified')!;
    const corrected = await handle
      .executeUpdate(correctEventUpdate, { args: [{ eventSeq: notice.seq, action: 'correct', event: { type: 'procuraduria_notified', occurredAt: '2029-11-05', recordedBy: ana.id }, reason: 'typo', by: ana.id }] })
      .catch((x: unknown) => x);
    expect((corrected as WorkflowUpdateFailedError).cause?.message).toMatch(/is before the child entered Mexico/);
    expect(await handle.query(stateQuery)).toEqual(before);
    // The same claim on the right day is taken.
    const receipt = await handle.executeUpdate(recordEventUpdate, { args: [{ type: 'asylum_claim_filed', occurredAt: '2029-12-04', recordedBy: ana.id } as never] });
    const after = await handle.query(stateQuery);
    // The claim's own entries end at the receipt's seq; a step it fired at once may be noted after.
    expect(after.seq).toBeGreaterThanOrEqual(receipt.seq);
    expect(after.timeline.filter((t) => t.seq > receipt.seq).every((t) => t.type === 'notification_sent')).toBe(true);
    expect(after.facts.eventDates['asylum_claim_filed']).toBe('2029-12-04');
  });
});

test('an intake that cannot be true fails the case before anything opens; a disputed age is kept and flagged', async () => {
  await h.withWorker(async () => {
    const adult = await h.startCase({ caseId: 'facts-2', child: { name: 'N. N.', birthDate: '2004-01-10' } });
    const err = await h.resultOf(adult).catch((x: unknown) => x);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(((err as WorkflowFailedError).cause as Error).message).toMatch(/^child\.birthDate: born 2004-01-10, the person is 25 at intake/);
    const beforeBirth = await h.startCase({ caseId: 'facts-3', child: { name: 'N. N.', birthDate: '2014-03-02' }, entryDate: '2013-12-01' });
    expect((((await h.resultOf(beforeBirth).catch((x: unknown) => x)) as WorkflowFailedError).cause as Error).message).toMatch(/^entryDate: 2013-12-01 is before the child's birth date/);
    const disputed = await h.startCase({ caseId: 'facts-4', child: { name: 'N. N.', birthDate: '2004-01-10', ageDisputed: true } });
    const state = await disputed.query(stateQuery);
    expect(state.child).toMatchObject({ birthDate: '2004-01-10', ageDisputed: true });
  });
});
