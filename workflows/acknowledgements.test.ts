/**
 * "I'm on it" cannot silence an escalation (issue 13), tried adversarially on the time-skipping
 * server with real Postgres and SMTP: who × which series × repeated × 20 at once. The byRole each
 * acknowledgement carries is what the API sets from the caller's token.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Acknowledge } from '../domain/case/events';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordHistory, runScenario, type CaseHarness } from '../test/caseHarness';
import { acknowledgeUpdate, recordEventUpdate, stateQuery, withdrawAckUpdate } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('case-acks');
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla, director: dora } = PEOPLE;
const DEADLINE = 'ratify_representative_filing';
type Handle = WorkflowHandle<typeof caseWorkflow>;

const ack = (handle: Handle, a: Omit<Acknowledge, 'deadlineId'>) => handle.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: DEADLINE, ...a }] });
/** The refusal's 'field: reason', or 'accepted'. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: unknown) => (err instanceof WorkflowUpdateFailedError ? (err.cause as Error).message : Promise.reject(err)),
  );

test('an acknowledgement stops one series for one person: never a higher level, another series or anyone else; repeats are no-ops; a withdrawal resumes it', async () => {
  let handle!: Handle;
  const refusals: Record<string, string> = {};
  await h.withWorker(() =>
    runScenario(h, {
      keep: messagesOf('ack-2', [DEADLINE]),
      actions: [
        [mx('2029-11-05', '10:00'), async () => (handle = await h.startCase({ caseId: 'ack-2' }))],
        // Filed by a representative Mon 5 Nov 2029: ratify within 3 business days → Thu 8 Nov.
        [mx('2029-11-05', '11:00'), () => handle.executeUpdate(recordEventUpdate, { args: [{ type: 'asylum_claim_filed', occurredAt: mx('2029-11-05', '11:00'), recordedBy: ana.id, byRepresentative: true }] })],
        [mx('2029-11-09', '10:00'), async () => {
          // Who × series that must be refused: nobody acknowledges what is not sent to them, or for someone else.
          const tries: [string, Omit<Acknowledge, 'deadlineId'>][] = [
            ['caseworker → director series', { series: 'director', by: ana.id, byRole: 'caseworker' }],
            ['caseworker → overdue series', { series: 'overdue', by: ana.id, byRole: 'caseworker' }],
            ['lawyer → overdue series', { series: 'overdue', by: carla.id, byRole: 'lawyer' }],
            ['lawyer for the caseworker', { series: 'reminder', by: carla.id, byRole: 'lawyer', for: ana.id }],
            ['director → overdue series', { series: 'overdue', by: dora.id, byRole: 'director' }],
            ['director → director series before any was sent', { series: 'director', by: dora.id, byRole: 'director' }],
            ['caseworker claiming to be a director', { series: 'director', by: ana.id, byRole: 'caseworker', for: dora.id }],
            ['no role', { series: 'reminder', by: ana.id }],
          ];
          for (const [label, a] of tries) refusals[label] = await outcome(ack(handle, a));
          // Accepted, each pressed 20 times at once and then once more: one acknowledgement each.
          const pressed = async (a: Omit<Acknowledge, 'deadlineId'>) => {
            const results = await Promise.all(Array.from({ length: 20 }, () => outcome(ack(handle, a))));
            expect(new Set(results)).toEqual(new Set(['accepted']));
            expect(await outcome(ack(handle, a))).toBe('accepted');
          };
          await pressed({ series: 'reminder', by: ana.id, byRole: 'caseworker' });
          await pressed({ series: 'overdue', by: beto.id, byRole: 'supervisor' });
          await pressed({ series: 'due', by: beto.id, byRole: 'supervisor', for: carla.id });
        }],
        // The director takes the supervisor's acknowledgement back: his repeats resume from the next step.
        [mx('2029-11-12', '12:00'), async () => {
          const byCaseworker = handle.executeUpdate(withdrawAckUpdate, { args: [{ deadlineId: DEADLINE, series: 'overdue', for: beto.id, by: ana.id, byRole: 'caseworker', reason: 'no me parece' }] });
          expect(await outcome(byCaseworker)).toMatch(/^by: only the case's supervisor or a director/);
          await handle.executeUpdate(withdrawAckUpdate, { args: [{ deadlineId: DEADLINE, series: 'overdue', for: beto.id, by: dora.id, byRole: 'director', reason: 'sigue sin ratificar' }] });
        }],
        [mx('2029-11-16', '10:00'), () => handle.executeUpdate(recordEventUpdate, { args: [{ type: 'claim_ratified', occurredAt: mx('2029-11-16', '10:00'), recordedBy: ana.id }] })],
      ],
      expected: [
        [mx('2029-11-06'), DEADLINE, 'reminder-2bd', [ana.id]],
        [mx('2029-11-07'), DEADLINE, 'reminder-1bd', [ana.id]],
        [mx('2029-11-08'), DEADLINE, 'due', [ana.id, beto.id, carla.id]],
        [mx('2029-11-09'), DEADLINE, 'overdue-1', [beto.id]],
        // Overdue business days after Thu 8 Nov: Fri 9 (1), Mon 12 (2), Tue 13 (3), Wed 14 (4), Thu 15 (5), Fri 16 (6).
        // overdue-2 (Mon 12, 09:00) is not sent: Beto acknowledged on the 9th; withdrawn at 12:00 the same day.
        [mx('2029-11-13'), DEADLINE, 'overdue-3', [beto.id]],
        // The director hears from the 4th overdue business day: nobody's acknowledgement stops that.
        [mx('2029-11-14'), DEADLINE, 'overdue-4', [beto.id]],
        [mx('2029-11-14'), DEADLINE, 'director-4', [dora.id]],
        [mx('2029-11-15'), DEADLINE, 'overdue-5', [beto.id]],
        [mx('2029-11-15'), DEADLINE, 'director-5', [dora.id]],
        [mx('2029-11-16'), DEADLINE, 'overdue-6', [beto.id]],
        [mx('2029-11-16'), DEADLINE, 'director-6', [dora.id]],
      ],
    }),
  );
  expect(refusals).toEqual({
    'caseworker → director series': `series: the director series of ${DEADLINE} is not sent to ${ana.id}`,
    'caseworker → overdue series': `series: the overdue series of ${DEADLINE} is not sent to ${ana.id}`,
    'lawyer → overdue series': `series: the overdue series of ${DEADLINE} is not sent to ${carla.id}`,
    'lawyer for the caseworker': `for: only ${ana.id} or the case's supervisor may acknowledge for them`,
    'director → overdue series': `series: the overdue series of ${DEADLINE} is not sent to ${dora.id}`,
    'director → director series before any was sent': `series: nothing of the director series of ${DEADLINE} has been sent to ${dora.id} yet`,
    'caseworker claiming to be a director': `for: only ${dora.id} or the case's supervisor may acknowledge for them`,
    'no role': 'byRole: required',
  });
  const state = await h.withWorker(() => handle.query(stateQuery));
  const d = state.deadlines.find((x) => x.deadlineId === DEADLINE)!;
  expect(d.acks.map((a) => [a.series, a.by, a.for, a.withdrawn?.by ?? null])).toEqual([
    ['reminder', ana.id, ana.id, null],
    ['overdue', beto.id, beto.id, dora.id],
    ['due', beto.id, carla.id, null],
  ]);
  expect(state.timeline.filter((t) => t.type === 'acknowledged')).toHaveLength(3);
  expect(state.timeline.filter((t) => t.type === 'acknowledgement_withdrawn')).toHaveLength(1);
  await recordHistory(handle, 'acknowledge-per-person');
});
