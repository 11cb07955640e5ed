/**
 * Issue 28: the dispatcher across cases. A case opened by a worker with PLAZO_STEP_DISPATCHER=on keeps its
 * pending steps in the outbox and sleeps through them; the dispatcher sends, at the step's instant, what is
 * due across cases, each person one email listing their cases' steps (each step still its own ledger key per
 * person and its own one-click link). The case wakes DISPATCHER_GRACE_MS later, finds its steps sent and notes
 * who they reached; with the dispatcher stopped, the case sends them itself then. Time-skipping server, real
 * Postgres and SMTP.
 */
import { createCaseHarness, mx, PEOPLE, recordAsCaseworker, recordHistory, type CaseHarness } from '../test/caseHarness';
import { stateQuery } from './caseDefinitions';
import { STEP_DISPATCHER_WORKFLOW_ID, stepDispatcherWorkflow, wakeDispatcherSignal } from './stepDispatcher';
import { DISPATCHER_GRACE_MS } from '../domain/case/steps';

let h: CaseHarness;
// The relay, refusing every connection while this is true (as during maintenance: 421 and closed).
let relayDown = false;
beforeAll(async () => {
  h = await createCaseHarness('step-dispatcher', { stepDispatcher: true, mail: { down: () => relayDown } });
});
afterAll(() => h?.teardown());

const PEOPLE_OF_CASE = [PEOPLE.caseworker, PEOPLE.supervisor, PEOPLE.lawyer];
const alarm1Of = (caseId: string) => (k: string) => k.startsWith(`${caseId}/`) && k.split('/')[3] === 'alarm-1';
const isAlarm1 = (k: string) => k.split('/')[3] === 'alarm-1';
const SECOND = 1000;

test("two detained children's alarms at one instant: the dispatcher sends each person one email listing both cases, the cases asleep; they note it after", async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-04', '10:00'));
    // A long sleep: the test wakes the dispatcher by its signal, as a projection of an earlier step would need to.
    const dispatcher = await h.env.client.workflow.start(stepDispatcherWorkflow, { taskQueue: h.taskQueue, workflowId: STEP_DISPATCHER_WORKFLOW_ID, args: [{ maxSleepMs: 7 * 86_400_000 }] });
    const a = await h.startCase({ caseId: 'dsp-a' });
    const b = await h.startCase({ caseId: 'dsp-b' });
    await h.advanceTo(mx('2030-03-04', '22:00'));
    for (const c of [a, b]) await recordAsCaseworker(c, 'detention_started', mx('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' });
    for (const c of [a, b]) expect((await c.query(stateQuery)).stepsBy).toBe('dispatcher');
    // The outbox holds each case's pending steps, alarm-1 of both alarms among them.
    const pending = await h.pg.db.selectFrom('step_outbox').select(['idempotency_base', 'case_id', 'step_at']).where('sent_at', 'is', null).execute();
    const instant = Date.parse(mx('2030-03-05', '02:00'));
    expect(pending.filter((r) => isAlarm1(r.idempotency_base) && r.step_at.getTime() === instant).map((r) => r.case_id).sort()).toEqual(['dsp-a', 'dsp-a', 'dsp-b', 'dsp-b']);
    await dispatcher.signal(wakeDispatcherSignal);

    // 30 seconds after the instant, before any case wakes for it: the dispatcher's emails are in.
    await h.advanceTo(new Date(instant + 30 * SECOND).toISOString());
    await h.mail.waitFor(3, { match: (m) => m.keys.some(isAlarm1), timeoutMs: 20_000 });
    for (const person of PEOPLE_OF_CASE) {
      const emails = h.mail.emails.filter((m) => m.to.includes(person.email) && m.keys.some(isAlarm1));
      expect(emails).toHaveLength(1);
      const [email] = emails;
      // Both alarms of both cases, each under the key its case would have used, each with its own link.
      expect(email!.keys.filter(alarm1Of('dsp-a'))).toHaveLength(2);
      expect(email!.keys.filter(alarm1Of('dsp-b'))).toHaveLength(2);
      expect(email!.keys.every((k) => k.endsWith(`:${person.id}`))).toBe(true);
      expect(new Set(email!.text.match(/\/ack\/plzack_[A-Za-z0-9_-]+/g) ?? []).size).toBe(4);
      const es = person.language === 'es';
      expect(email!.subject).toMatch(es ? /^\[Plazo\] ALERTA · 2 casos · / : /^\[Plazo\] ALERT · 2 cases · /);
      expect(email!.text).toContain(es ? '4 avisos de 2 casos le llegan a la vez' : '4 notices of 2 cases reach you at once');
      // Each case's own link, after its steps.
      for (const id of ['dsp-a', 'dsp-b']) expect(email!.text).toContain(`http://plazo.test/cases/${id}`);
    }
    const ledger = await h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts', 'scheduled_for']).where('step', '=', 'alarm-1').execute();
    expect(ledger).toHaveLength(12); // 2 cases × 2 alarms × 3 people
    expect(ledger.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // The cases slept through it: nothing noted yet.
    for (const c of [a, b]) expect((await c.query(stateQuery)).timeline.filter((t) => t.type === 'notification_sent' && t.summary.startsWith('alarm-1 '))).toEqual([]);

    // Past the grace the cases wake, find their alarms sent and note who they reached; nothing goes out twice.
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS + 30 * SECOND).toISOString());
    for (const c of [a, b]) {
      let noted: { deadlineId?: string; summary: string }[] = [];
      for (let i = 0; i < 100 && noted.length < 2; i++) {
        noted = (await c.query(stateQuery)).timeline.filter((t) => t.type === 'notification_sent' && t.summary.startsWith('alarm-1 '));
        if (noted.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      expect(noted.map((t) => t.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice']);
      for (const t of noted) expect(t.summary).toContain(`caseworker ${PEOPLE.caseworker.id}, supervisor ${PEOPLE.supervisor.id}, lawyer ${PEOPLE.lawyer.id}`);
    }
    expect(h.mail.emails.filter((m) => m.keys.some(isAlarm1))).toHaveLength(3);
    // Noted steps leave the outbox.
    const left = await h.pg.db.selectFrom('step_outbox').select('idempotency_base').where('step_at', '<=', new Date(instant)).execute();
    expect(left).toEqual([]);
    await recordHistory(a, 'steps-by-dispatcher');
    // The next test runs without a dispatcher and these cases' later alarms: out of its way.
    for (const w of [dispatcher, a, b]) await w.terminate('test over');
  });
});

test('with the dispatcher stopped, a case sends its alarm itself, DISPATCHER_GRACE_MS after the instant', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-06', '10:00'));
    const c = await h.startCase({ caseId: 'dsp-alone' });
    await h.advanceTo(mx('2030-03-06', '22:00'));
    await recordAsCaseworker(c, 'detention_started', mx('2030-03-06', '22:00'), { place: 'Estación migratoria Siglo XXI' });
    const instant = Date.parse(mx('2030-03-07', '02:00'));
    await h.advanceTo(new Date(instant + 30 * SECOND).toISOString());
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-alone')))).toEqual([]);
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS + 5 * SECOND).toISOString());
    await h.mail.waitFor(3, { match: (m) => m.keys.some(alarm1Of('dsp-alone')), timeoutMs: 20_000 });
    const emails = h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-alone')));
    expect(emails.map((m) => m.to).flat().sort()).toEqual(PEOPLE_OF_CASE.map((p) => p.email).sort());
    // Each still at its instant in the ledger: a reader (and the lateness metric) sees when it was due.
    const rows = await h.pg.db.selectFrom('notifications').select(['scheduled_for', 'status']).where('case_id', '=', 'dsp-alone').where('step', '=', 'alarm-1').execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'sent' && new Date(r.scheduled_for!).getTime() === instant)).toBe(true);
    await c.terminate('test over');
  });
});

test('the relay refusing at the instant: the dispatcher leaves the steps to their case, which sends them itself after its grace, each once', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-08', '10:00'));
    const dispatcher = await h.env.client.workflow.start(stepDispatcherWorkflow, { taskQueue: h.taskQueue, workflowId: `${STEP_DISPATCHER_WORKFLOW_ID}-refused`, args: [{ maxSleepMs: 7 * 86_400_000 }] });
    const c = await h.startCase({ caseId: 'dsp-refused' });
    await h.advanceTo(mx('2030-03-08', '22:00'));
    await recordAsCaseworker(c, 'detention_started', mx('2030-03-08', '22:00'), { place: 'Estación migratoria Siglo XXI' });
    await h.mail.waitFor(3, { match: (m) => m.keys.some((k) => k.startsWith('dsp-refused/') && k.split('/')[3] === 'alarm-0'), timeoutMs: 20_000 });
    await dispatcher.signal(wakeDispatcherSignal);
    const instant = Date.parse(mx('2030-03-09', '02:00'));
    relayDown = true;
    try {
      await h.advanceTo(new Date(instant + 30 * SECOND).toISOString());
      // The dispatcher's round met the refusal and gave the case's alarm-1 rows up: nothing went out.
      let givenUp: { idempotency_base: string }[] = [];
      for (let i = 0; i < 100 && givenUp.length < 2; i++) {
        givenUp = await h.pg.db.selectFrom('step_outbox').select('idempotency_base').where('case_id', '=', 'dsp-refused').where('given_up_at', 'is not', null).execute();
        if (givenUp.length < 2) await new Promise((r) => setTimeout(r, 100));
      }
      expect(givenUp.map((r) => r.idempotency_base.split('/')[3]).sort()).toEqual(['alarm-1', 'alarm-1']);
      expect(h.mail.refused()).toBeGreaterThan(0);
    } finally {
      relayDown = false;
    }
    expect(h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-refused')))).toEqual([]);
    // The case wakes after its grace and sends them itself: one email per person with both alarms, each key once.
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS + 5 * SECOND).toISOString());
    await h.mail.waitFor(3, { match: (m) => m.keys.some(alarm1Of('dsp-refused')), timeoutMs: 30_000 });
    const emails = h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-refused')));
    expect(emails.map((m) => m.to).flat().sort()).toEqual(PEOPLE_OF_CASE.map((p) => p.email).sort());
    const keys = emails.flatMap((m) => m.keys.filter(alarm1Of('dsp-refused')));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(6);
    const rows = await h.pg.db.selectFrom('notifications').select(['status']).where('case_id', '=', 'dsp-refused').where('step', '=', 'alarm-1').execute();
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('sent'));
    for (const w of [dispatcher, c]) await w.terminate('test over');
  });
});
