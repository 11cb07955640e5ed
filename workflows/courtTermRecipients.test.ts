/**
 * Issue 23 item 2 under mx-2027.2: a court term's ladder reaches the lawyer who must file, at every step,
 * as well as the caseworker. On the time-skipping server with real Postgres and the real SMTP catcher, in
 * its own environment (a month of skipped time is quicker without other cases' alarms); instants worked
 * by hand.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordAsCaseworker, runScenario, type CaseHarness } from '../test/caseHarness';
import { stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('court-term-recipients');
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla } = PEOPLE;
type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;
const ALL = [ana.id, beto.id, carla.id];

test('Ley de Amparo art. 17: the lawyer who must file the amparo gets every step of its ladder — the 10, 5, 2 and 1-day reminders, the due day and the overdue notice', async () => {
  let handle!: Handle;
  // Denial notified Mon 3 Jun 2030. 15 days on the amparo calendar (art. 19), day 1 Tue 4 Jun: Jun 4–7 (4),
  // 10–14 (9), 17–21 (14), Mon 24 Jun (15). Reminders 10, 5, 2, 1 business days before: Mon 10, Mon 17,
  // Thu 20, Fri 21 Jun at 09:00; due Mon 24 Jun; overdue Tue 25 Jun 09:00 (supervisor and lawyer); filed 10:00.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('cx-5', ['amparo_term']),
      actions: [
        [mx('2030-05-27', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-5' }))],
        [mx('2030-05-27', '11:00'), () => record(handle, 'asylum_claim_filed', mx('2030-05-27', '11:00'))],
        [mx('2030-06-03', '12:00'), () => record(handle, 'decision_notified', mx('2030-06-03', '12:00'), { outcome: 'denied' })],
        [mx('2030-06-25', '10:00'), () => record(handle, 'amparo_filed', mx('2030-06-25', '10:00'))],
      ],
      expected: [
        [mx('2030-06-10'), 'amparo_term', 'reminder-10bd', [ana.id, carla.id]],
        [mx('2030-06-17'), 'amparo_term', 'reminder-5bd', [ana.id, carla.id]],
        [mx('2030-06-20'), 'amparo_term', 'reminder-2bd', [ana.id, carla.id]],
        [mx('2030-06-21'), 'amparo_term', 'reminder-1bd', [ana.id, carla.id]],
        [mx('2030-06-24'), 'amparo_term', 'due', ALL],
        [mx('2030-06-25'), 'amparo_term', 'overdue-1', [beto.id, carla.id]],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'amparo_term')).toMatchObject({ due: '2030-06-24', status: 'met', late: true });
  });
}, 600_000);
