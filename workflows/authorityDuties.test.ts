/**
 * Rule pack mx-2027.3: an authority's duty is the authority's, not the NGO's alarm. From each article's own
 * words: nothing is the NGO's to file before the authority's term ends, so no reminders; the caseworker (who
 * chases the authority) and the lawyer (who decides the remedy) are told when the term ends and then once a
 * day while the duty stays unmet — each business day for day-counted terms, every 24 hours for hour-counted
 * ones — never four-hourly, never the director. On the time-skipping server with real Postgres and the real
 * SMTP catcher; instants worked by hand.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordAsCaseworker, runScenario, type CaseHarness } from '../test/caseHarness';
import { stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

// One test server for the file, its clock only going forward: each scenario is later than the one before.
let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('authority-duties');
});
afterAll(() => h?.teardown());

const { caseworker: ana, lawyer: carla } = PEOPLE;
type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;
const TOLD = [ana.id, carla.id];

test("LM art. 128: INM's silence past 20 business days is a deemed refusal — the caseworker and the lawyer hear it on the day, then each business day until the answer is recorded", async () => {
  let handle!: Handle;
  // Filed Mon 3 Jun 2030 (file complete). "plazo no mayor a veinte días hábiles": day 1 Tue 4 Jun; Jun 4–7 (4),
  // 10–14 (9), 17–21 (14), 24–28 (19), Mon 1 Jul (20). Due Mon 1 Jul: told at 09:00 that day; "se entenderá que
  // es en sentido negativo" from Tue 2 Jul: told 09:00 Tue 2, Wed 3, Thu 4 Jul; the answer recorded Thu 4 Jul 10:00
  // stops the rest. No 10/5/2/1-day reminders (mx-2027.2 sent them), no supervisor, no director.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('ad-1', ['migration_procedure_answer']),
      actions: [
        [mx('2030-05-27', '10:00'), async () => (handle = await h.startCase({ caseId: 'ad-1' }))],
        [mx('2030-06-03', '12:00'), () => record(handle, 'migration_procedure_filed', mx('2030-06-03', '12:00'))],
        [mx('2030-07-04', '10:00'), () => record(handle, 'migration_procedure_resolved', mx('2030-07-04', '10:00'))],
        // A week of silence after the answer: nothing more arrives (checked by the scenario's exact count).
        [mx('2030-07-11', '10:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-07-01'), 'migration_procedure_answer', 'due', TOLD],
        [mx('2030-07-02'), 'migration_procedure_answer', 'overdue-1', TOLD],
        [mx('2030-07-03'), 'migration_procedure_answer', 'overdue-2', TOLD],
        [mx('2030-07-04'), 'migration_procedure_answer', 'overdue-3', TOLD],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'migration_procedure_answer')).toMatchObject({ due: '2030-07-01', status: 'met', late: true, rulePack: 'mx-2027.3' });
  });
}, 600_000);

test("COMAR's 72-hour notice to INM: told when the 72 hours end and every 24 hours after, not every four, to the caseworker and the lawyer", async () => {
  let handle!: Handle;
  // Claim filed Mon 12 Aug 2030 10:00: 72 hours on the clock end Thu 15 Aug 10:00 (due); then Fri 16 and Sat 17
  // Aug 10:00 (overdue-1, -2: every day counts, it is a term in hours); the notice recorded Sat 17 Aug 12:00.
  // mx-2027.2 sent a reminder 24 hours ahead and then the supervisor and the lawyer every four hours.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('ad-2', ['comar_notice_to_inm']),
      actions: [
        [mx('2030-08-12', '09:00'), async () => (handle = await h.startCase({ caseId: 'ad-2' }))],
        [mx('2030-08-12', '10:00'), () => record(handle, 'asylum_claim_filed', mx('2030-08-12', '10:00'))],
        [mx('2030-08-17', '12:00'), () => record(handle, 'comar_notified_inm', mx('2030-08-17', '12:00'))],
        [mx('2030-08-19', '12:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-08-15', '10:00'), 'comar_notice_to_inm', 'due', TOLD],
        [mx('2030-08-16', '10:00'), 'comar_notice_to_inm', 'overdue-1', TOLD],
        [mx('2030-08-17', '10:00'), 'comar_notice_to_inm', 'overdue-2', TOLD],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'comar_notice_to_inm')).toMatchObject({ status: 'met', late: true });
  });
}, 600_000);

test('LGDNNA art. 122: the court has 24 hours to rule on a measure already in force — told when they end and daily after, while the Ministerio Público\'s 3 hours keep their four-hourly alarm', async () => {
  let handle!: Handle;
  // Requested Mon 2 Sep 2030 08:00: the Ministerio Público must decree "a más tardar, durante las siguientes 3
  // horas" (fr. VI): alarm at 08:00 to all three (its ladder is mx-2027.2's); decreed 09:00, which opens the
  // court's 24 hours ("Dentro de las 24 horas siguientes a la imposición"): due Tue 3 Sep 09:00, then Wed 4 and
  // Thu 5 Sep 09:00; the ruling recorded Thu 5 Sep 11:00. mx-2027.2 alarmed everyone every four hours
  // through the 24 hours and then the supervisor, lawyer and director every four hours.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('ad-3', ['urgent_measures_court', 'urgent_measures_prosecutor']),
      actions: [
        [mx('2030-09-02', '07:00'), async () => (handle = await h.startCase({ caseId: 'ad-3' }))],
        [mx('2030-09-02', '08:00'), () => record(handle, 'urgent_measures_requested', mx('2030-09-02', '08:00'))],
        [mx('2030-09-02', '09:00'), () => record(handle, 'urgent_measures_imposed', mx('2030-09-02', '09:00'))],
        [mx('2030-09-05', '11:00'), () => record(handle, 'urgent_measures_ruled_by_court', mx('2030-09-05', '11:00'))],
        [mx('2030-09-07', '11:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-09-02', '08:00'), 'urgent_measures_prosecutor', 'alarm-0', [ana.id, PEOPLE.supervisor.id, carla.id]],
        [mx('2030-09-03', '09:00'), 'urgent_measures_court', 'due', TOLD],
        [mx('2030-09-04', '09:00'), 'urgent_measures_court', 'overdue-1', TOLD],
        [mx('2030-09-05', '09:00'), 'urgent_measures_court', 'overdue-2', TOLD],
      ],
    });
  });
}, 600_000);
