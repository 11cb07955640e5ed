/**
 * Issue 23 item 1 under mx-2027.2's detention rules (the pack in force, mx-2027.3, keeps them): each scenario from the article's own words
 * (who must act, what meets it, what happens when the authority does not act, who is told). On the
 * time-skipping server with real Postgres and the real SMTP catcher; every instant worked by hand
 * (Mexico City is UTC−6 all year since 2022).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordAsCaseworker, runScenario, type CaseHarness } from '../test/caseHarness';
import { RULE_PACK } from '../domain';
import { stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('custody-exit');
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla } = PEOPLE;
type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;
const ALL = [ana.id, beto.id, carla.id];
const detain = (handle: Handle, at: string) => record(handle, 'detention_started', at, { place: 'Estación migratoria Siglo XXI' });

test('LM art. 112 fr. I: INM notifies the Procuraduría AND channels the child to DIF "de inmediato": both meet the notice, and channelling ends detention (no more 4-hourly alarms)', async () => {
  let handle!: Handle;
  // Detained Mon 4 Mar 2030 22:00. INM must act at once: the alarm goes to everyone at 22:00 and every 4 h.
  // Procuraduría notified Tue 00:30 (the child still held: 02:00 goes out); channelled Tue 03:00. From then
  // nothing: no 06:00 alarm, and the 36-hour count (due Wed 6 Mar 10:00; reminders Tue 22:00, Wed 06:00) is met.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('cx-1', ['child_detention_notice', 'detention_36h']),
      actions: [
        [mx('2030-03-04', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-1' }))],
        [mx('2030-03-04', '22:00'), () => detain(handle, mx('2030-03-04', '22:00'))],
        [mx('2030-03-05', '00:30'), () => record(handle, 'procuraduria_notified', mx('2030-03-05', '00:30'))],
        [mx('2030-03-05', '03:00'), async () => {
          await record(handle, 'child_channelled_to_dif', mx('2030-03-05', '03:00'));
          const s = await handle.query(stateQuery);
          expect(s.facts.detained).toBe(false);
        }],
        [mx('2030-03-06', '12:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-03-04', '22:00'), 'child_detention_notice', 'alarm-0', ALL],
        [mx('2030-03-05', '02:00'), 'child_detention_notice', 'alarm-1', ALL],
      ],
    });
    const s = await handle.query(stateQuery);
    const byId = Object.fromEntries(s.deadlines.map((d) => [d.deadlineId, d]));
    // The pack in force: mx-2027.2's detention rules, unchanged in mx-2027.3 (detentionSemantics.test.ts).
    expect(byId.child_detention_notice).toMatchObject({ status: 'met', resolvedAt: mx('2030-03-05', '03:00'), rulePack: RULE_PACK.version });
    expect(byId.detention_36h).toMatchObject({ status: 'met', resolvedAt: mx('2030-03-05', '03:00') });
    expect(s.timeline.some((t) => t.type === 'escalated')).toBe(false);
  });
});

test('LM arts. 98, 112: released without channelling to DIF is never "met": escalated at once to supervisor and lawyer ("salida sin canalización — LM 98, 112"), and left open', async () => {
  let handle!: Handle;
  // Detained Mon 11 Mar 2030 22:00; the Procuraduría notified 23:00; released Tue 12 Mar 01:00 without
  // channelling. INM did not act: the supervisor and the lawyer hear at 01:00, and the alarm keeps going
  // (02:00) because the duty is still open until a person records what happened.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('cx-2', ['child_detention_notice']),
      actions: [
        [mx('2030-03-11', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-2' }))],
        [mx('2030-03-11', '22:00'), () => detain(handle, mx('2030-03-11', '22:00'))],
        [mx('2030-03-11', '23:00'), () => record(handle, 'procuraduria_notified', mx('2030-03-11', '23:00'))],
        [mx('2030-03-12', '01:00'), () => record(handle, 'detention_ended', mx('2030-03-12', '01:00'), { exit: 'released' })],
        [mx('2030-03-12', '03:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-03-11', '22:00'), 'child_detention_notice', 'alarm-0', ALL],
        [mx('2030-03-12', '01:00'), 'child_detention_notice', 'breach', [beto.id, carla.id]],
        [mx('2030-03-12', '02:00'), 'child_detention_notice', 'alarm-1', ALL],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'child_detention_notice')).toMatchObject({ status: 'missed', breachedAt: mx('2030-03-12', '01:00') });
    expect(s.facts.detained).toBe(false);
    // The lawyer reads it in Spanish, the supervisor in English, each with the article.
    const breach = (email: string) => h.mail.messages.find((m) => m.to.includes(email) && m.headers['x-plazo-idempotency-key']?.startsWith('cx-2/child_detention_notice/') && m.headers['x-plazo-idempotency-key']?.includes('/breach/'));
    expect(breach(carla.email)?.text).toContain('salida sin canalización — LM 98, 112');
    expect(breach(beto.email)?.text).toContain('exit without channelling to DIF — LM 98, 112');
  });
});

test('LM art. 112: a child deported before the Procuraduría\'s assessment (BID) is escalated at once, for the BID and for the missing channelling', async () => {
  let handle!: Handle;
  // Detained Mon 18 Mar 2030 22:00; the Procuraduría notified 23:00 (the BID target opens); deported Tue
  // 19 Mar 04:00 from the migration station, neither channelled nor assessed. Both duties are breached.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: (m) => messagesOf('cx-3')(m) && (m.headers['x-plazo-idempotency-key'] ?? '').includes('/breach/'),
      actions: [
        [mx('2030-03-18', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-3' }))],
        [mx('2030-03-18', '22:00'), () => detain(handle, mx('2030-03-18', '22:00'))],
        [mx('2030-03-18', '23:00'), () => record(handle, 'procuraduria_notified', mx('2030-03-18', '23:00'))],
        [mx('2030-03-19', '04:00'), () => record(handle, 'detention_ended', mx('2030-03-19', '04:00'), { exit: 'deported' })],
      ],
      expected: [
        [mx('2030-03-19', '04:00'), 'bid_issued', 'breach', [beto.id, carla.id]],
        [mx('2030-03-19', '04:00'), 'child_detention_notice', 'breach', [beto.id, carla.id]],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.filter((d) => d.breachedAt).map((d) => [d.deadlineId, d.status]).sort()).toEqual([
      ['bid_issued', 'missed'],
      ['child_detention_notice', 'missed'],
    ]);
    const lawyers = h.mail.messages.find((m) => m.to.includes(carla.email) && (m.headers['x-plazo-idempotency-key'] ?? '').startsWith('cx-3/bid_issued/'));
    expect(lawyers?.text).toContain('retorno antes de la determinación del interés superior — LM 112');
  });
});

test('Ley de Amparo art. 17 fr. IV, LM art. 99: a child\'s detention opens amparo_now — file at once, told to everyone until it is filed', async () => {
  let handle!: Handle;
  // Detained Mon 25 Mar 2030 22:00: the amparo may be filed at any time, so the alarm goes out at once and
  // every 4 hours (22:00, 02:00) until the lawyer files it, Tue 26 Mar 05:00; nothing after.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('cx-4', ['amparo_now']),
      actions: [
        [mx('2030-03-25', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-4' }))],
        [mx('2030-03-25', '22:00'), () => detain(handle, mx('2030-03-25', '22:00'))],
        [mx('2030-03-26', '05:00'), () => record(handle, 'amparo_filed', mx('2030-03-26', '05:00'))],
        [mx('2030-03-26', '12:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-03-25', '22:00'), 'amparo_now', 'alarm-0', ALL],
        [mx('2030-03-26', '02:00'), 'amparo_now', 'alarm-1', ALL],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'amparo_now')).toMatchObject({ status: 'met', citation: 'Ley de Amparo art. 17 fr. IV; LM art. 99' });
  });
});

test('after the breach, what happened next: "child located" stops the alarm, the breach stays as evidence; a child never detained returned before the BID is escalated at once', async () => {
  let handle!: Handle;
  // Detained Mon 1 Apr 2030 22:00; the Procuraduría notified 23:00; released Tue 2 Apr 01:00 without
  // channelling: breach at 01:00, the alarm goes on (02:00). Located Tue 03:00 in a DIF shelter: no 06:00 alarm,
  // nor any after it.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: messagesOf('cx-6', ['child_detention_notice']),
      actions: [
        [mx('2030-04-01', '10:00'), async () => (handle = await h.startCase({ caseId: 'cx-6' }))],
        [mx('2030-04-01', '22:00'), () => detain(handle, mx('2030-04-01', '22:00'))],
        [mx('2030-04-01', '23:00'), () => record(handle, 'procuraduria_notified', mx('2030-04-01', '23:00'))],
        [mx('2030-04-02', '01:00'), () => record(handle, 'detention_ended', mx('2030-04-02', '01:00'), { exit: 'released' })],
        [mx('2030-04-02', '03:00'), () => record(handle, 'breach_followed_up', mx('2030-04-02', '03:00'), { followUp: 'child_located', note: 'Albergue DIF' })],
        [mx('2030-04-03', '12:00'), async () => undefined],
      ],
      expected: [
        [mx('2030-04-01', '22:00'), 'child_detention_notice', 'alarm-0', ALL],
        [mx('2030-04-02', '01:00'), 'child_detention_notice', 'breach', [beto.id, carla.id]],
        [mx('2030-04-02', '02:00'), 'child_detention_notice', 'alarm-1', ALL],
      ],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'child_detention_notice')).toMatchObject({
      status: 'missed',
      breachedAt: mx('2030-04-02', '01:00'),
      followedUp: { followUp: 'child_located', at: mx('2030-04-02', '03:00') },
    });
  });
  // A child never detained: the Procuraduría notified Mon 8 Apr 2030 10:00 (the BID target opens); returned to
  // the country of origin Wed 10 Apr 09:00 before any BID (LM art. 112 fr. III): supervisor and lawyer at once.
  await h.withWorker(async () => {
    await runScenario(h, {
      keep: (m) => messagesOf('cx-7')(m) && (m.headers['x-plazo-idempotency-key'] ?? '').includes('/breach/'),
      actions: [
        [mx('2030-04-08', '09:00'), async () => (handle = await h.startCase({ caseId: 'cx-7' }))],
        [mx('2030-04-08', '10:00'), () => record(handle, 'procuraduria_notified', mx('2030-04-08', '10:00'))],
        [mx('2030-04-10', '09:00'), () => record(handle, 'child_returned_to_origin', mx('2030-04-10', '09:00'), { exit: 'returned' })],
      ],
      expected: [[mx('2030-04-10', '09:00'), 'bid_issued', 'breach', [beto.id, carla.id]]],
    });
    const s = await handle.query(stateQuery);
    expect(s.deadlines.find((d) => d.deadlineId === 'bid_issued')).toMatchObject({ status: 'missed', breachedAt: mx('2030-04-10', '09:00') });
  });
}, 600_000);
