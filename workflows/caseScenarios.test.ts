/**
 * The case workflow's behaviours one at a time, on the time-skipping server with real Postgres and SMTP.
 * The tests share one server, so their dates run forward through 2029–2030; every date is worked by hand.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordAsCaseworker, recordHistory, runScenario, type CaseHarness } from '../test/caseHarness';
import type { CaseEventInput } from '../domain/case/events';
import { acknowledgeUpdate, escalateUpdate, overlaysChangedSignal, recordEventUpdate, stateQuery, timelineQuery, upcomingQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  // Worked by hand for rule pack mx-2026.1, which open cases keep (issue 12 added terms in mx-2026.2).
  h = await createCaseHarness('case-scenarios', { rulePack: 'mx-2026.1' });
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla, director: dora } = PEOPLE;
type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;

test('a COMAR extension moves the decision from 45 to 90 business days, and the ladder follows', async () => {
  let handle!: Handle;
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('ext-1', ['comar_decision']),
      actions: [
        [mx('2029-06-04', '10:00'), async () => (handle = await h.startCase({ caseId: 'ext-1' }))],
        // Filed Mon 4 Jun; day 1 Tue 5 Jun; no weekday holiday until September: day 45 is Mon 6 Aug.
        [mx('2029-06-04', '11:00'), () => record(handle, 'asylum_claim_filed', mx('2029-06-04', '11:00'))],
        [mx('2029-07-16', '11:00'), async () => {
          expect((await handle.query(upcomingQuery)).find((d) => d.deadlineId === 'comar_decision')).toMatchObject({
            due: '2029-08-06',
            nextStep: { id: 'reminder-10bd', at: mx('2029-07-23') }, // 3, 2, 1 Aug, 31, 30, 27, 26, 25, 24, 23 Jul
          });
          await record(handle, 'comar_extension_notified', mx('2029-07-16', '11:00'));
        }],
        [mx('2029-10-08', '12:00'), () => record(handle, 'decision_notified', mx('2029-10-08', '12:00'), { outcome: 'recognized' })],
      ],
      // 90 business days from 4 Jun: day 45 Mon 6 Aug, … Fri 28 Sep is day 84, Mon 1 Oct 85 (not a transmission
      // year), Fri 5 Oct 89, Mon 8 Oct 90. The old 23 Jul reminder never goes out.
      expected: [
        [mx('2029-09-24'), 'comar_decision_extended', 'reminder-10bd', [ana.id]],
        [mx('2029-10-01'), 'comar_decision_extended', 'reminder-5bd', [ana.id]],
        [mx('2029-10-04'), 'comar_decision_extended', 'reminder-2bd', [ana.id]],
        [mx('2029-10-05'), 'comar_decision_extended', 'reminder-1bd', [ana.id]],
        [mx('2029-10-08'), 'comar_decision_extended', 'due', [ana.id, beto.id, carla.id]],
      ],
    });
    const state = await handle.query(stateQuery);
    await recordHistory(handle, 'comar-extension');
    const byId = Object.fromEntries(state.deadlines.map((d) => [d.deadlineId, d]));
    expect(byId.comar_decision).toMatchObject({ status: 'extended', due: '2029-08-06' });
    expect(byId.comar_decision_extended).toMatchObject({ status: 'met', due: '2029-10-08', citation: 'LRPCAP art. 24' });
    expect(byId.comar_decision_extended!.trigger.slice(0, 10)).toBe('2029-06-04');
    expect(state.timeline.find((t) => t.type === 'deadline_extended')).toMatchObject({ deadlineId: 'comar_decision' });
  });
});

test('detention (mx-2027.1): the alarm goes out at once at night to everyone, repeats every 4 hours, and stops when detention ends', async () => {
  let handle!: Handle;
  // Detained Mon 15 Oct 2029 at 22:00 Mexico City (Tue 04:00 UTC); released Tue 16 Oct at 08:00 (14:00 UTC).
  // Pinned to mx-2027.1, where a release meets the notice: under mx-2027.2 it is a breach (detentionNotice.test.ts).
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('det-1'),
      actions: [
        [mx('2029-10-15', '10:00'), async () => (handle = await h.startCase({ caseId: 'det-1' }, { rulePack: 'mx-2027.1' }))],
        [mx('2029-10-15', '22:00'), () => record(handle, 'detention_started', mx('2029-10-15', '22:00'), { place: 'Estación migratoria Siglo XXI' })],
        [mx('2029-10-16', '08:00'), () => record(handle, 'detention_ended', mx('2029-10-16', '08:00'))],
        // The 36-hour limit would have warned 12 h before (Tue 22:00); nothing goes out any more.
        [mx('2029-10-18', '12:00'), async () => undefined],
      ],
      expected: [
        [mx('2029-10-15', '22:00'), 'child_detention_notice', 'alarm-0', [ana.id, beto.id, carla.id]],
        [mx('2029-10-16', '02:00'), 'child_detention_notice', 'alarm-1', [ana.id, beto.id, carla.id]],
        [mx('2029-10-16', '06:00'), 'child_detention_notice', 'alarm-2', [ana.id, beto.id, carla.id]],
      ],
    });
    const state = await handle.query(stateQuery);
    expect(state.deadlines.map((d) => [d.deadlineId, d.status, d.dueInstant])).toEqual([
      ['child_detention_notice', 'met', '2029-10-16T04:00:00.000Z'],
      ['detention_36h', 'met', '2029-10-17T16:00:00.000Z'], // 22:00 Mon + 36 h = Wed 10:00 Mexico City
    ]);
    expect(state.facts.detained).toBe(false);
    await recordHistory(handle, 'detention');
  });
});

test('acknowledging stops the repeats of a step, never the escalation above it; a manual escalation reaches supervisor, lawyer and director', async () => {
  let handle!: Handle;
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('ack-1', ['ratify_representative_filing', 'escalation']),
      actions: [
        [mx('2029-11-05', '10:00'), async () => (handle = await h.startCase({ caseId: 'ack-1' }))],
        // Filed by a representative Mon 5 Nov: ratify within 3 business days → Thu 8 Nov.
        [mx('2029-11-05', '11:00'), () => record(handle, 'asylum_claim_filed', mx('2029-11-05', '11:00'), { byRepresentative: true })],
        [mx('2029-11-09', '10:00'), () =>
          handle.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: 'ratify_representative_filing', series: 'overdue', by: beto.id, byRole: 'supervisor' }] })],
        [mx('2029-11-15', '10:00'), () =>
          handle.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: 'ratify_representative_filing', series: 'director', by: dora.id, byRole: 'director' }] })],
        [mx('2029-11-15', '11:00'), () =>
          handle.executeUpdate(escalateUpdate, {
            args: [{ by: beto.id, reason: 'La niña no ha podido ratificar: pedir prórroga a la COMAR', deadlineId: 'ratify_representative_filing' }],
          })],
        [mx('2029-11-16', '10:00'), () => record(handle, 'claim_ratified', mx('2029-11-16', '10:00'))],
      ],
      expected: [
        // 10 and 5 business days before would precede the filing: none.
        [mx('2029-11-06'), 'ratify_representative_filing', 'reminder-2bd', [ana.id]],
        [mx('2029-11-07'), 'ratify_representative_filing', 'reminder-1bd', [ana.id]],
        [mx('2029-11-08'), 'ratify_representative_filing', 'due', [ana.id, beto.id, carla.id]],
        [mx('2029-11-09'), 'ratify_representative_filing', 'overdue-1', [beto.id]],
        // The supervisor's "I'm on it" stops overdue-2… (Mon 12, Tue 13, …) but the director still hears
        // from the 4th overdue business day, Wed 14 Nov, until she acknowledges on Thu 15 after director-5.
        [mx('2029-11-14'), 'ratify_representative_filing', 'director-4', [dora.id]],
        [mx('2029-11-15'), 'ratify_representative_filing', 'director-5', [dora.id]],
        [mx('2029-11-15', '11:00'), 'escalation', 'manual', [beto.id, carla.id, dora.id]],
      ],
    });
    const state = await handle.query(stateQuery);
    const ratify = state.deadlines.find((d) => d.deadlineId === 'ratify_representative_filing')!;
    expect(ratify).toMatchObject({ status: 'met', late: true, due: '2029-11-08' });
    expect(ratify.acks.map((a) => [a.series, a.by])).toEqual([['overdue', beto.id], ['director', dora.id]]);
    await recordHistory(handle, 'acknowledge-escalate');
    const escalation = h.mail.messages.find((m) => m.to[0] === carla.email && m.subject.includes('ESCALAMIENTO'))!;
    expect(escalation.text).toContain('Motivo: La niña no ha podido ratificar');
    expect(escalation.text).toContain('Escalado por: Beto');
  });
});

test('a DOF closure added mid-count moves the deadline, and the timeline says why', async () => {
  let handle!: Handle;
  await h.withWorker(() =>
    runScenario(h, {
      keep: messagesOf('ovl-1', ['comar_decision']),
      actions: [
        [mx('2029-12-03', '10:00'), async () => (handle = await h.startCase({ caseId: 'ovl-1' }))],
        // Filed Mon 3 Dec 2029. 45 business days, skipping 25 Dec, 1 Jan and 5 Feb (LFPA) or 4 Feb (LFT): Thu 7 Feb 2030.
        [mx('2029-12-03', '11:00'), () => record(handle, 'asylum_claim_filed', mx('2029-12-03', '11:00'))],
        [mx('2029-12-10', '10:00'), async () => {
          const before = (await handle.query(upcomingQuery)).find((d) => d.deadlineId === 'comar_decision')!;
          // 10 business days before 7 Feb: 6, 4 (5 Feb skipped), 1 Feb, 31, 30, 29, 28, 25, 24, 23 Jan.
          expect(before).toMatchObject({ due: '2030-02-07', nextStep: { id: 'reminder-10bd', at: mx('2030-01-23') } });
          await h.pg.db
            .insertInto('overlays')
            .values({
              id: 'comar-closure-2029-12',
              created_by: 'admin',
              body: JSON.stringify({
                id: 'comar-closure-2029-12',
                kind: 'closure',
                start: '2029-12-17',
                end: '2029-12-21',
                scope: { agency: 'COMAR' },
                citation: { dof: '2029-12-07', title: 'Acuerdo por el que se suspenden labores de la COMAR del 17 al 21 de diciembre de 2029 (test fixture)' },
              }),
            })
            .execute();
          await handle.signal(overlaysChangedSignal, { overlayId: 'comar-closure-2029-12' });
        }],
        [mx('2029-12-10', '10:05'), async () => {
          // Five business days closed (Mon 17–Fri 21 Dec): the count ends five business days later, Thu 14 Feb.
          const after = (await handle.query(upcomingQuery)).find((d) => d.deadlineId === 'comar_decision')!;
          // 10 business days before 14 Feb: 13, 12, 11, 8, 7, 6, 4, 1 Feb, 31, 30 Jan.
          expect(after).toMatchObject({ due: '2030-02-14', nextStep: { id: 'reminder-10bd', at: mx('2030-01-30') } });
          const moved = (await handle.query(timelineQuery)).find((t) => t.type === 'deadline_moved')!;
          expect(moved.deadlineId).toBe('comar_decision');
          // The latest plausible date stays Fri 22 Feb: the December vacation (16–31 Dec, unverified) already closed those days.
          expect(moved.summary).toContain('2030-02-07 (latest plausible 2030-02-22) → 2030-02-14 (latest plausible 2030-02-22)');
          expect(moved.summary).toContain('Acuerdo por el que se suspenden labores de la COMAR del 17 al 21 de diciembre de 2029');
        }],
      ],
      // The move is emailed at once to the caseworker and the lawyer (issue 24), keyed by the case's version.
      expected: [
        [mx('2029-12-10', '10:00'), 'comar_decision', 'moved-7', [ana.id, carla.id]],
        [mx('2030-01-30'), 'comar_decision', 'reminder-10bd', [ana.id]],
      ],
    }),
  );
});

test('bad events are rejected with the field and the reason, and leave the case unchanged', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-04', '10:00'));
    const handle = await h.startCase({ caseId: 'bad-1' });
    await record(handle, 'procuraduria_notified', mx('2030-03-04', '10:00'));
    const before = await handle.query(stateQuery);
    const reject = async (e: CaseEventInput | Record<string, unknown>, message: RegExp) => {
      const err = await handle.executeUpdate(recordEventUpdate, { args: [e as never] }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
      expect((err as WorkflowUpdateFailedError).cause?.message).toMatch(message);
    };
    await reject({ type: 'detention_ended', occurredAt: mx('2030-03-04', '09:00'), recordedBy: ana.id }, /^type: the child is not detained$/);
    await reject({ type: 'claim_ratified', occurredAt: '2030-03-04', recordedBy: ana.id }, /^type: no claim filed by a representative/);
    await reject({ type: 'bid_issued', occurredAt: '2030-03-09', recordedBy: ana.id }, /^occurredAt: is in the future$/);
    await reject({ type: 'teleported', occurredAt: '2030-03-04', recordedBy: ana.id }, /^type: unknown event type 'teleported'$/);
    await reject({ type: 'bid_issued', occurredAt: '4 March', recordedBy: ana.id }, /^occurredAt: must be a date/);
    await reject({ type: 'procuraduria_notified', occurredAt: '2030-03-04', recordedBy: ana.id }, /already notified/);
    await expect(handle.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: 'nope', series: 'due', by: ana.id }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect(await handle.query(stateQuery)).toEqual(before);
  });
});

test('a long case continues as new and keeps its deadlines and timeline', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-11', '11:00'));
    const handle = await h.startCase({ caseId: 'can-1', child: { name: 'R. P.', birthDate: '2013-05-02' } }, { historyLimit: 40 });
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 6; i++) {
      await record(handle, 'child_absent', mx('2030-03-11', `10:${10 + i * 2}`));
      await record(handle, 'child_returned', mx('2030-03-11', `10:${11 + i * 2}`));
    }
    await h.env.sleep(60_000);
    const latest = h.env.client.workflow.getHandle(handle.workflowId);
    expect((await latest.describe()).runId).not.toBe(firstRun);
    const state = await latest.query(stateQuery);
    expect(state.timeline.filter((t) => t.type === 'child_absent')).toHaveLength(6);
    // Born Fri 2 May 2013: 18 on Fri 2 May 2031, a business day.
    expect(state.deadlines.find((d) => d.deadlineId === 'age_of_majority')).toMatchObject({ status: 'open', due: '2031-05-02' });
  });
});
