/**
 * Issue 12: under mx-2026.2 a detained child's alarm closes only when the Procuraduría is notified AND
 * the child is out of INM's hands (channelled to DIF, or released) — LM art. 112 asks for both. On the
 * time-skipping server with real Postgres and SMTP; every instant worked by hand.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordAsCaseworker, runScenario, type CaseHarness } from '../test/caseHarness';
import { stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  // mx-2026.2's rule, which mx-2027.1 keeps unchanged (its changelog does not name it); pinned so the
  // cases opened under mx-2026.2 keep being checked.
  h = await createCaseHarness('detention-notice', { rulePack: 'mx-2026.2' });
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla } = PEOPLE;
type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;
const ALL = [ana.id, beto.id, carla.id];

test('notifying the Procuraduría alone does not stop the alarm; channelling the child to DIF does', async () => {
  let handle!: Handle;
  // Detained Mon 4 Mar 2030 at 22:00 Mexico City. The alarm goes out at once and every 4 hours:
  // 22:00, Tue 02:00, 06:00, 10:00. The Procuraduría is notified Tue 00:30 — the child is still held, so
  // 02:00, 06:00 and 10:00 still go out. Channelled to DIF Tue 11:00: nothing after (14:00 stays silent).
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('notice-1', ['child_detention_notice']),
      actions: [
        [mx('2030-03-04', '10:00'), async () => (handle = await h.startCase({ caseId: 'notice-1' }))],
        [mx('2030-03-04', '22:00'), () => record(handle, 'detention_started', mx('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' })],
        [mx('2030-03-05', '00:30'), async () => {
          await record(handle, 'procuraduria_notified', mx('2030-03-05', '00:30'));
          const notice = (await handle.query(stateQuery)).deadlines.find((d) => d.deadlineId === 'child_detention_notice');
          expect(notice).toMatchObject({ status: 'open', rulePack: 'mx-2026.2' });
        }],
        [mx('2030-03-05', '11:00'), () => record(handle, 'child_channelled_to_dif', mx('2030-03-05', '11:00'))],
        [mx('2030-03-05', '15:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-03-04', '22:00'), 'child_detention_notice', 'alarm-0', ALL],
        [mx('2030-03-05', '02:00'), 'child_detention_notice', 'alarm-1', ALL],
        [mx('2030-03-05', '06:00'), 'child_detention_notice', 'alarm-2', ALL],
        [mx('2030-03-05', '10:00'), 'child_detention_notice', 'alarm-3', ALL],
      ],
    });
    const state = await handle.query(stateQuery);
    const notice = state.deadlines.find((d) => d.deadlineId === 'child_detention_notice')!;
    expect(notice).toMatchObject({ status: 'met', resolvedAt: mx('2030-03-05', '11:00') });
    expect(state.timeline.filter((t) => t.type === 'deadline_met' && t.deadlineId === 'child_detention_notice')).toHaveLength(1);
  });
});

test('a second detention needs a new notice: the earlier one does not close the new alarm', async () => {
  let handle!: Handle;
  // Same child: notified and channelled during a first detention (Wed 6 Mar), released; detained again
  // Fri 8 Mar 09:00. Channelling alone (09:30) is not enough: the Procuraduría must be told of this
  // placement too (notified 12:00). Alarms: 09:00 only for the second detention (next would be 13:00).
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('notice-2', ['child_detention_notice#2']),
      actions: [
        [mx('2030-03-06', '08:00'), async () => (handle = await h.startCase({ caseId: 'notice-2' }))],
        [mx('2030-03-06', '08:10'), () => record(handle, 'detention_started', mx('2030-03-06', '08:10'), { place: 'Estación migratoria Tapachula' })],
        [mx('2030-03-06', '08:20'), () => record(handle, 'procuraduria_notified', mx('2030-03-06', '08:20'))],
        [mx('2030-03-06', '08:30'), () => record(handle, 'child_channelled_to_dif', mx('2030-03-06', '08:30'))],
        [mx('2030-03-06', '08:40'), () => record(handle, 'detention_ended', mx('2030-03-06', '08:40'))],
        [mx('2030-03-08', '09:00'), () => record(handle, 'detention_started', mx('2030-03-08', '09:00'), { place: 'Estación migratoria Tapachula' })],
        [mx('2030-03-08', '09:30'), async () => {
          await record(handle, 'child_channelled_to_dif', mx('2030-03-08', '09:30'));
          const second = (await handle.query(stateQuery)).deadlines.find((d) => d.deadlineId === 'child_detention_notice#2');
          expect(second?.status).toBe('open');
        }],
        [mx('2030-03-08', '12:00'), () => record(handle, 'procuraduria_notified', mx('2030-03-08', '12:00'))],
        [mx('2030-03-08', '14:00'), async () => undefined],
      ],
      expected: [[mx('2030-03-08', '09:00'), 'child_detention_notice#2', 'alarm-0', ALL]],
    });
    const state = await handle.query(stateQuery);
    expect(state.deadlines.find((d) => d.deadlineId === 'child_detention_notice')).toMatchObject({ status: 'met', resolvedAt: mx('2030-03-06', '08:30') });
    expect(state.deadlines.find((d) => d.deadlineId === 'child_detention_notice#2')).toMatchObject({ status: 'met', resolvedAt: mx('2030-03-08', '12:00') });
    // The repeated notice did not reopen the BID target the first notice opened.
    expect(state.deadlines.filter((d) => d.ruleId === 'bid_issued')).toHaveLength(1);
  });
});
