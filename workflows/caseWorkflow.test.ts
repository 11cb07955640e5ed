/**
 * A whole case over four months of workflow time on the time-skipping server, with real Postgres and
 * real SMTP. Every expected message below was worked out by hand from the law (see the comments);
 * each is checked absent a minute before its instant and present a minute after, and sent once.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { createCaseHarness, messagesOf, mx, PEOPLE, recordHistory, runScenario, type CaseHarness, type Expected } from '../test/caseHarness';
import { recordEventUpdate, stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';
import type { CaseEventInput } from '../domain/case/events';
import type { CaseState } from '../domain/case/state';

let h: CaseHarness;
beforeAll(async () => {
  // Worked by hand for rule pack mx-2026.1, which open cases keep (issue 12 added terms in mx-2026.2).
  h = await createCaseHarness('case-whole', { rulePack: 'mx-2026.1' });
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto, lawyer: carla } = PEOPLE;

// [instant, deadline, step, recipients]: every message of the case, and nothing else.
const EXPECTED: Expected[] = [
  // BID target: Procuraduría notified Mon 8 Jan → 30 calendar days → Wed 7 Feb.
  // 10 bd before: back from 7 Feb over Mon 5 Feb (holiday): 6, 2, 1, 31, 30, 29, 26, 25, 24, 23 Jan.
  [mx('2029-01-23'), 'bid_issued', 'reminder-10bd', [ana.id]],
  [mx('2029-01-30'), 'bid_issued', 'reminder-5bd', [ana.id]], // 6 Feb, 2, 1, 31, 30
  // Filing window: entry Wed 3 Jan; day 1 Thu 4 Jan; 30 business days skipping 5 Feb → Thu 15 Feb.
  [mx('2029-01-31'), 'asylum_filing_window', 'reminder-10bd', [ana.id]], // 14,13,12,9,8,7,6,2,1 Feb, 31 Jan
  [mx('2029-02-08'), 'asylum_filing_window', 'reminder-5bd', [ana.id]], // 14,13,12,9,8
  // Claim filed Mon 12 Feb: signatures every 7 days from each signature.
  [mx('2029-02-16'), 'weekly_signature#1', 'reminder-1bd', [ana.id]],
  [mx('2029-02-19'), 'weekly_signature#1', 'due', [ana.id]],
  [mx('2029-02-23'), 'weekly_signature#2', 'reminder-1bd', [ana.id]],
  [mx('2029-02-26'), 'weekly_signature#2', 'due', [ana.id]],
  // Not signed on Mon 26 Feb: the supervisor and the lawyer hear each business day (abandonment risk).
  [mx('2029-02-27'), 'weekly_signature#2', 'overdue-1', [beto.id, carla.id]],
  [mx('2029-02-28'), 'weekly_signature#2', 'overdue-2', [beto.id, carla.id]],
  [mx('2029-03-01'), 'weekly_signature#2', 'overdue-3', [beto.id, carla.id]],
  // Signed late Thu 1 Mar at 10:00 → next due Thu 8 Mar, and so on each Thursday.
  [mx('2029-03-07'), 'weekly_signature#3', 'reminder-1bd', [ana.id]],
  [mx('2029-03-08'), 'weekly_signature#3', 'due', [ana.id]],
  [mx('2029-03-14'), 'weekly_signature#4', 'reminder-1bd', [ana.id]],
  [mx('2029-03-15'), 'weekly_signature#4', 'due', [ana.id]],
  // Due Thu 22 Mar; the business day before is Tue 20, because Wed 21 Mar is a holiday (LFPA art. 28).
  [mx('2029-03-20'), 'weekly_signature#5', 'reminder-1bd', [ana.id]],
  [mx('2029-03-22'), 'weekly_signature#5', 'due', [ana.id]],
  [mx('2029-03-28'), 'weekly_signature#6', 'reminder-1bd', [ana.id]],
  [mx('2029-03-29'), 'weekly_signature#6', 'due', [ana.id]],
  // COMAR decision: filed Mon 12 Feb; day 1 Tue 13 Feb; 45 business days skipping 21 Mar → Tue 17 Apr.
  // 10 bd before: 16, 13, 12, 11, 10, 9, 6, 5, 4, 3 Apr.
  [mx('2029-04-03'), 'comar_decision', 'reminder-10bd', [ana.id]],
  [mx('2029-04-04'), 'weekly_signature#7', 'reminder-1bd', [ana.id]],
  [mx('2029-04-05'), 'weekly_signature#7', 'due', [ana.id]],
  [mx('2029-04-10'), 'comar_decision', 'reminder-5bd', [ana.id]], // 16, 13, 12, 11, 10
  [mx('2029-04-11'), 'weekly_signature#8', 'reminder-1bd', [ana.id]],
  [mx('2029-04-12'), 'weekly_signature#8', 'due', [ana.id]],
  // Denied, notified Thu 12 Apr: appeal within 15 business days; day 1 Fri 13 Apr; 1 May skipped → Fri 4 May.
  [mx('2029-04-19'), 'recurso_revision', 'reminder-10bd', [ana.id]], // 3, 2 May, 30, 27, 26, 25, 24, 23, 20, 19 Apr
  [mx('2029-04-26'), 'recurso_revision', 'reminder-5bd', [ana.id]],
  [mx('2029-05-02'), 'recurso_revision', 'reminder-2bd', [ana.id]],
  [mx('2029-05-03'), 'recurso_revision', 'reminder-1bd', [ana.id]],
];

const ev = (type: string, occurredAt: string, extra: Record<string, unknown> = {}): CaseEventInput =>
  ({ type, occurredAt, recordedBy: ana.id, ...extra }) as CaseEventInput;

test('a whole case: every reminder and escalation at its instant, to the right people, exactly once; then it closes', async () => {
  await h.advanceTo(mx('2029-01-08', '10:00'));
  let handle!: WorkflowHandle<typeof caseWorkflow>;
  let state!: CaseState;
  const record = (e: CaseEventInput) => handle.executeUpdate(recordEventUpdate, { args: [e as never] });

  const actions: [string, () => Promise<unknown>][] = [
    [mx('2029-01-08', '10:00'), async () => {
      handle = await h.startCase({ caseId: 'whole-1', child: { name: 'M. L.', birthDate: '2011-08-20' }, entryDate: '2029-01-03' });
    }],
    [mx('2029-01-08', '10:30'), () => record(ev('procuraduria_notified', '2029-01-08'))],
    [mx('2029-02-01', '11:00'), () => record(ev('bid_issued', mx('2029-02-01', '11:00')))],
    [mx('2029-02-12', '11:00'), () => record(ev('asylum_claim_filed', mx('2029-02-12', '11:00')))],
    ...['2029-02-19', '2029-03-01', '2029-03-08', '2029-03-15', '2029-03-22', '2029-03-29', '2029-04-05', '2029-04-12'].map(
      (d): [string, () => Promise<unknown>] => [mx(d, '10:00'), () => record(ev('weekly_signature_recorded', mx(d, '10:00')))],
    ),
    [mx('2029-04-12', '11:00'), () => record(ev('decision_notified', mx('2029-04-12', '11:00'), { outcome: 'denied' }))],
    [mx('2029-05-03', '12:00'), () => record(ev('recurso_revision_filed', mx('2029-05-03', '12:00')))],
    [mx('2029-05-10', '10:00'), async () => {
      await record(ev('case_closed', mx('2029-05-10', '10:00'), { reason: 'transferred' }));
    }],
  ];

  await h.withWorker(async () => {
    await runScenario(h, { actions, expected: EXPECTED, keep: messagesOf('whole-1') });
    if (process.env.PLAZO_TEST_DEBUG) console.log('awaiting the result');
    const result = await h.resultOf(handle);
    expect(result.closed).toEqual({ reason: 'transferred', at: mx('2029-05-10', '10:00') });
    state = await handle.query(stateQuery);
    await recordHistory(handle, 'whole-case');
  });

  const ledger = await h.pg.db.selectFrom('notifications').select(['status', 'attempts']).where('case_id', '=', 'whole-1').execute();
  expect(ledger).toHaveLength(h.mail.messages.length);
  expect(ledger.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);

  const status = Object.fromEntries(state.deadlines.map((d) => [d.deadlineId, `${d.status}${d.late ? ' late' : ''} ${d.due}`]));
  expect(status).toEqual({
    age_of_majority: 'cancelled 2029-08-20',
    asylum_filing_window: 'met 2029-02-15',
    bid_issued: 'met 2029-02-07',
    comar_decision: 'met 2029-04-17',
    'weekly_signature#1': 'met 2029-02-19',
    'weekly_signature#2': 'met late 2029-02-26',
    'weekly_signature#3': 'met 2029-03-08',
    'weekly_signature#4': 'met 2029-03-15',
    'weekly_signature#5': 'met 2029-03-22',
    'weekly_signature#6': 'met 2029-03-29',
    'weekly_signature#7': 'met 2029-04-05',
    'weekly_signature#8': 'met 2029-04-12',
    'weekly_signature#9': 'cancelled 2029-04-19',
    recurso_revision: 'met 2029-05-04',
  });
  expect(state.phase).toBe('closed');
  // The Spanish caseworker got Spanish, with the citation, the due date and a link.
  const first = h.mail.messages.find((m) => m.to[0] === ana.email && m.subject.includes('Plazo para solicitar'))!;
  expect(first.text).toContain('LRPCAP art. 18');
  // Thu 15 Feb 2029, in words; a day-counted term ends at midnight in Mexico City.
  expect(first.text).toContain('A más tardar: jueves 15 de febrero de 2029 (hasta las 23:59, hora de la Ciudad de México)');
  expect(first.text).toContain('faltan 10 días hábiles');
  expect(first.text).toContain('http://plazo.test/cases/whole-1');
  const english = h.mail.messages.find((m) => m.to[0] === beto.email)!;
  expect(english.subject).toMatch(/OVERDUE · Case whole-1 · Weekly signature/);
}, 600_000);
