/**
 * The daily 09:00 digest on the time-skipping server, with real Postgres and real SMTP: sent at 09:00
 * Mexico City to each person who opted in, danger first, once per person and day.
 *
 * Worked by hand (LFPA art. 28: weekends, 5 Feb and 21 Mar are not business days):
 * - DIG-A: entered Thu 1 Feb 2029; day 1 is Fri 2 Feb; 30 business days skipping Mon 5 Feb end on
 *   Fri 16 Mar 2029 (Feb: 2, 6–9, 12–16, 19–23, 26–28 = 18; Mar: 1–2, 5–9, 12–16 = 12).
 *   On Mon 5 Mar: 6, 7, 8, 9, 12, 13, 14, 15, 16 Mar left = 9 business days.
 * - DIG-B: entered Thu 1 Mar 2029: due in April, so it comes after DIG-A.
 */
import { createDigestActivities } from '../activities/digest';
import { eventually } from '../test/apiHarness';
import { createCaseHarness, mx, PEOPLE, type CaseHarness } from '../test/caseHarness';
import { createMailer } from '../worker/mailer';
import { DIGEST_WORKFLOW_ID, dailyDigestWorkflow } from './dailyDigest';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('daily-digest');
});
afterAll(() => h?.teardown());

const digests = (email: string, subject?: string) => h.mail.messages.filter((m) => m.to.includes(email) && /Sus plazos del|Your deadlines for/.test(m.subject) && (!subject || m.subject === subject));

test('each person who opted in gets one digest at 09:00 Mexico City per day, live deadlines danger first; a second run for the day sends nothing', async () => {
  const { caseworker: ana, supervisor: beto, lawyer: carla, director: dora } = PEOPLE;
  await h.pg.db.updateTable('users').set({ daily_digest: true }).where('id', 'in', [ana.id, carla.id, dora.id]).execute();
  await h.advanceTo(mx('2029-03-04', '20:00'));

  await h.withWorker(async () => {
    await h.startCase({ caseId: 'DIG-B', entryDate: '2029-03-01' });
    await h.startCase({ caseId: 'DIG-A', entryDate: '2029-02-01' });
    await eventually(async () => expect((await h.pg.db.selectFrom('case_deadlines').select('case_id').where('rule_id', '=', 'asylum_filing_window').execute()).length).toBe(2));
    await h.env.client.workflow.start(dailyDigestWorkflow, { taskQueue: h.taskQueue, workflowId: DIGEST_WORKFLOW_ID });

    // A minute before 09:00 nothing; a few minutes after, one each.
    await h.advanceTo(mx('2029-03-05', '08:59'));
    expect(digests(ana.email)).toHaveLength(0);
    await h.advanceTo(mx('2029-03-05', '09:05'));
    await h.mail.waitFor(3, { match: (m) => /Sus plazos del|Your deadlines for/.test(m.subject), timeoutMs: 30_000 });

    const [first] = digests(ana.email, '[Plazo] Sus plazos del lunes 5 de marzo de 2029');
    expect(digests(ana.email)).toHaveLength(1);
    const text = first!.text;
    expect(text).toContain('Hola, Ana:');
    expect(text).toContain('Tiene 2 plazos vivos; los más urgentes primero:');
    // The filing window closes with COMAR's office hours (LFPA arts. 28, 30; mx-2027.1).
    expect(text).toContain('A más tardar: viernes 16 de marzo de 2029 (hasta las 18:00, hora de la Ciudad de México, horario de la oficina, LFPA art. 30) · faltan 9 días hábiles');
    expect(text.indexOf('Caso DIG-A')).toBeGreaterThan(0);
    expect(text.indexOf('Caso DIG-A')).toBeLessThan(text.indexOf('Caso DIG-B'));
    expect(text).toContain('Ver el caso: http://plazo.test/cases/DIG-A');
    expect(text).toContain('http://plazo.test/preferences');
    expect(digests(carla.email)).toHaveLength(1);
    expect(digests(dora.email)[0]!.text).toContain('You have no live deadlines today.');
    expect(digests(beto.email)).toHaveLength(0);

    // The next day: one more each, and still one for Monday.
    await h.advanceTo(mx('2029-03-06', '09:05'));
    await h.mail.waitFor(6, { match: (m) => /Sus plazos del|Your deadlines for/.test(m.subject), timeoutMs: 30_000 });
    expect(digests(ana.email, '[Plazo] Sus plazos del martes 6 de marzo de 2029')).toHaveLength(1);
    expect(digests(ana.email, '[Plazo] Sus plazos del lunes 5 de marzo de 2029')).toHaveLength(1);
  });

  // Monday's digests again (a retry, a restart, a second digest workflow): the ledger sends nothing more.
  const mailer = createMailer({ host: '127.0.0.1', port: h.mail.smtpPort });
  try {
    const again = await createDigestActivities({ db: h.pg.db, mailer, from: 'Plazo <plazo@test.local>', publicUrl: 'http://plazo.test' }).sendDailyDigests('2029-03-05');
    expect(again).toEqual({ sent: 0, alreadySent: 3 });
  } finally {
    mailer.close();
  }
  expect(digests(ana.email)).toHaveLength(2);
  const keys = await h.pg.db.selectFrom('notifications').select('idempotency_key').where('step', '=', 'daily_digest').orderBy('idempotency_key').execute();
  expect(keys.map((k) => k.idempotency_key)).toEqual([
    `digest/${ana.id}/2029-03-05`, `digest/${ana.id}/2029-03-06`, `digest/${dora.id}/2029-03-05`, `digest/${dora.id}/2029-03-06`, `digest/${carla.id}/2029-03-05`, `digest/${carla.id}/2029-03-06`,
  ].sort());
}, 300_000);
