/**
 * Issue 28: the dispatcher across cases. A case opened by a worker with PLAZO_STEP_DISPATCHER=on keeps its
 * pending steps in the outbox and sleeps through them; the dispatcher sends, at the step's instant, what is
 * due across cases, each person one email listing their cases' steps (each step still its own ledger key per
 * person and its own one-click link). The case does not wake for them: it notes who they reached at its next
 * Update, or once after the last of its steps within NOTING_SPAN_MS. A step the dispatcher did not send goes
 * back to its case: at once when the relay refused it, and by the engine reconciler's check when the dispatcher
 * is stopped. Time-skipping server, real Postgres and SMTP.
 */
import { createCaseHarness, mx, PEOPLE, recordAsCaseworker, recordHistory, type CaseHarness } from '../test/caseHarness';
import { acknowledgeUpdate, stateQuery } from './caseDefinitions';
import { STEP_DISPATCHER_WORKFLOW_ID, stepDispatcherWorkflow, wakeDispatcherSignal } from './stepDispatcher';
import { DISPATCHER_GRACE_MS, NOTING_SPAN_MS } from '../domain/case/steps';
import { casesWithUnsentSteps } from '../db/stepOutbox';
import { handStepsBack } from '../activities/stepsLeft';
import { loadTimeline } from '../app/cases/loadTimeline';
import type { AuthUser } from '../app/auth';

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
const ADMIN: AuthUser = { id: 'adm', name: 'Eva', email: 'eva@plazo.test', role: 'admin', language: 'es' };
const alarm1Noted = <T extends { type: string; summary: string }>(timeline: T[]) => timeline.filter((t) => t.type === 'notification_sent' && t.summary.startsWith('alarm-1 '));

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
    const ledger = await h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts', 'scheduled_for', 'sent_at']).where('step', '=', 'alarm-1').execute();
    expect(ledger).toHaveLength(12); // 2 cases × 2 alarms × 3 people
    expect(ledger.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // The cases slept through it: nothing noted yet.
    for (const c of [a, b]) expect(alarm1Noted((await c.query(stateQuery)).timeline)).toEqual([]);

    // Past the grace the cases still sleep: nothing noted, each deadline's next step shown is alarm-2 (the
    // dispatcher moved it on in the read model), and the people's "I'm on it" works from the email.
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS + 30 * SECOND).toISOString());
    await new Promise((r) => setTimeout(r, 500));
    for (const c of [a, b]) expect(alarm1Noted((await c.query(stateQuery)).timeline)).toEqual([]);
    const shown = await h.pg.db.selectFrom('case_deadlines').select(['case_id', 'deadline_id', 'next_step']).where('deadline_id', 'in', ['amparo_now', 'child_detention_notice']).execute();
    expect(shown).toHaveLength(4);
    for (const r of shown) expect(r.next_step).toMatchObject({ id: 'alarm-2', series: 'alarm', at: new Date(instant + 4 * 3_600_000).toISOString() });
    // The timeline a lawyer reads (and the constancia) shows the alarms sent, from the outbox, until the case notes
    // them: who each reached, when the dispatcher sent it, numbered after the last entry recorded.
    for (const id of ['dsp-a', 'dsp-b']) {
      const timeline = await loadTimeline(h.pg.db, ADMIN, id);
      const shownSent = timeline.filter((t) => t.type === 'notification_sent' && t.summary.startsWith('alarm-1 '));
      expect(shownSent.map((t) => t.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice']);
      for (const t of shownSent) {
        const sent = ledger.filter((r) => r.idempotency_key.startsWith(`${id}/${t.deadlineId}/`)).map((r) => r.sent_at!.getTime());
        expect(t.at).toBe(new Date(Math.max(...sent)).toISOString());
        expect(t.summary).toBe(`alarm-1 sent to caseworker ${PEOPLE.caseworker.id}, supervisor ${PEOPLE.supervisor.id}, lawyer ${PEOPLE.lawyer.id}`);
        expect(t.detail).toMatchObject({ kind: 'delivery', what: 'alarm-1', unreachable: [] });
      }
      expect(timeline.map((t) => t.seq)).toEqual(timeline.map((_, i) => timeline[0]!.seq + i));
    }
    // An Update first notes what the dispatcher sent (at the ledger's time), then does its own work.
    await b.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: 'child_detention_notice', series: 'alarm', by: PEOPLE.caseworker.id, byRole: 'caseworker' }] });
    const tb = (await b.query(stateQuery)).timeline;
    const notedB = alarm1Noted(tb);
    expect(notedB.map((t) => t.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice']);
    for (const t of notedB) {
      expect(t.summary).toContain(`caseworker ${PEOPLE.caseworker.id}, supervisor ${PEOPLE.supervisor.id}, lawyer ${PEOPLE.lawyer.id}`);
      // The latest of its three people's sending in the ledger (the wall's clock: this server skips time).
      const sent = ledger.filter((r) => r.idempotency_key.startsWith(`dsp-b/${t.deadlineId}/`)).map((r) => r.sent_at!.getTime());
      expect(sent).toHaveLength(3);
      expect(t.at).toBe(new Date(Math.max(...sent)).toISOString());
      expect(t.seq).toBeLessThan(tb.find((x) => x.type === 'acknowledged')!.seq);
    }
    // Noted, the read side shows the case's own entries, once.
    let shownB = await loadTimeline(h.pg.db, ADMIN, 'dsp-b');
    for (let i = 0; i < 50 && !shownB.some((t) => t.type === 'acknowledged'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      shownB = await loadTimeline(h.pg.db, ADMIN, 'dsp-b');
    }
    const ackSeq = shownB.find((t) => t.type === 'acknowledged')!.seq;
    expect(alarm1Noted(shownB)).toHaveLength(2);
    expect(alarm1Noted(shownB).every((t) => t.seq < ackSeq)).toBe(true);

    // Case a sleeps through its alarms (four-hourly) until its next instant that is not the dispatcher's: the
    // 36-hour limit's miss, 32 hours after alarm-1; then it notes all it was sent; nothing goes out twice.
    const wake = Date.parse(mx('2030-03-06', '10:00'));
    expect(wake).toBe(instant + 32 * 3_600_000);
    expect(wake).toBeLessThan(instant + NOTING_SPAN_MS);
    await h.advanceTo(new Date(wake - 60 * SECOND).toISOString());
    await new Promise((r) => setTimeout(r, 500));
    expect(alarm1Noted((await a.query(stateQuery)).timeline)).toEqual([]);
    await h.advanceTo(new Date(wake + 30 * SECOND).toISOString());
    let noted: { deadlineId?: string; summary: string }[] = [];
    for (let i = 0; i < 100 && noted.length < 2; i++) {
      noted = alarm1Noted((await a.query(stateQuery)).timeline);
      if (noted.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(noted.map((t) => t.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice']);
    const eightNoted = (await a.query(stateQuery)).timeline.filter((t) => t.type === 'notification_sent' && /^alarm-[1-8] /.test(t.summary));
    expect(eightNoted).toHaveLength(16); // alarm-1 … alarm-8 of both deadlines, sent by the dispatcher
    expect((await a.query(stateQuery)).timeline.some((t) => t.type === 'deadline_missed' && t.deadlineId === 'detention_36h')).toBe(true);
    const keys = h.mail.emails.flatMap((m) => m.keys.filter((k) => k.startsWith('dsp-a/')));
    expect(new Set(keys).size).toBe(keys.length);
    expect(h.mail.emails.filter((m) => m.keys.some(isAlarm1))).toHaveLength(3);
    // Noted steps leave the outbox.
    const left = await h.pg.db.selectFrom('step_outbox').select('idempotency_base').where('case_id', '=', 'dsp-a').where('step_at', '<', new Date(wake)).execute();
    expect(left).toEqual([]);
    await recordHistory(a, 'dispatched-steps-noted-later');
    // The next test runs without a dispatcher and these cases' later alarms: out of its way.
    for (const w of [dispatcher, a, b]) await w.terminate('test over');
  });
});

test('with the dispatcher stopped, the case sleeps through its alarm; the engine reconciler\'s check hands it back and the case sends it itself', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-06', '10:00'));
    const c = await h.startCase({ caseId: 'dsp-alone' });
    await h.advanceTo(mx('2030-03-06', '22:00'));
    await recordAsCaseworker(c, 'detention_started', mx('2030-03-06', '22:00'), { place: 'Estación migratoria Siglo XXI' });
    const instant = Date.parse(mx('2030-03-07', '02:00'));
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS + 30 * SECOND).toISOString());
    await new Promise((r) => setTimeout(r, 1000));
    expect(h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-alone')))).toEqual([]);
    // What the reconciler's check does first (activities/engineReconciler.ts): a step unsent past the grace goes back to its case.
    // (The check reads the wall's clock; this server's clock is past it: the grace is counted from the test's time.)
    const overdue = await casesWithUnsentSteps(h.pg.db, new Date(instant + 30 * SECOND), 1000);
    expect(overdue).toContain('case-dsp-alone');
    expect(await casesWithUnsentSteps(h.pg.db, new Date(instant), 1000)).not.toContain('case-dsp-alone'); // not before its instant
    // The earlier test's cases, terminated with steps in the outbox, are not signalled (the reconciler reports them).
    expect(await handStepsBack(h.env.client, overdue)).toBe(1);
    await h.mail.waitFor(6, { match: (m) => m.keys.some(alarm1Of('dsp-alone')), timeoutMs: 20_000 }); // 2 alarms × 3 people
    const emails = h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-alone')));
    expect(emails.map((m) => m.to).flat().sort()).toEqual(PEOPLE_OF_CASE.map((p) => p.email).sort());
    // Each still at its instant in the ledger: a reader (and the lateness metric) sees when it was due.
    // (The ledger says sent just after the relay took it.)
    const ledgerRows = () => h.pg.db.selectFrom('notifications').select(['scheduled_for', 'status']).where('case_id', '=', 'dsp-alone').where('step', '=', 'alarm-1').execute();
    for (let i = 0; i < 50 && (await ledgerRows()).some((r) => r.status !== 'sent'); i++) await new Promise((r) => setTimeout(r, 100));
    const rows = await ledgerRows();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'sent' && new Date(r.scheduled_for!).getTime() === instant)).toBe(true);
    // Noted by the case and out of the outbox: the next check finds nothing to hand back.
    const handedBack = async () => (await casesWithUnsentSteps(h.pg.db, new Date(instant + 1), 1000)).includes('case-dsp-alone');
    for (let i = 0; i < 100 && (await handedBack()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await handedBack()).toBe(false);
    await c.terminate('test over');
  });
});

test('the relay refusing at the instant: the dispatcher gives the steps back to their case at once, which sends them itself, each once', async () => {
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
      // The dispatcher's round met the refusal and gave the case's alarm-1 rows up (the case, told at once, takes
      // them and its projection removes them): nothing went out, and the dispatcher marked nothing sent.
      const alarm1Rows = () => h.pg.db.selectFrom('step_outbox').select(['idempotency_base', 'sent_at', 'given_up_at']).where('case_id', '=', 'dsp-refused').where('idempotency_base', 'like', '%/alarm-1').execute();
      for (let i = 0; i < 100 && (await alarm1Rows()).some((r) => r.given_up_at === null); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await alarm1Rows()).filter((r) => r.given_up_at === null || r.sent_at !== null)).toEqual([]);
      expect(h.mail.refused()).toBeGreaterThan(0);
    } finally {
      relayDown = false;
    }
    expect(h.mail.emails.filter((m) => m.keys.some(alarm1Of('dsp-refused')))).toEqual([]);
    // Told by the round, the case sends them itself (its own retries), before its grace would have passed and a
    // day before it would wake to note them: one email per person with both alarms, each key once.
    await h.advanceTo(new Date(instant + DISPATCHER_GRACE_MS - 15 * SECOND).toISOString());
    await h.mail.waitFor(6, { match: (m) => m.keys.some(alarm1Of('dsp-refused')), timeoutMs: 30_000 });
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
