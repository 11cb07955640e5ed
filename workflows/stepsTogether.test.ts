/**
 * Issue 28: the steps of a case that fall due at the same instant reach each person in ONE email. Since
 * mx-2027.2 a child's detention raises two alarms at once (the Procuraduría's notice, LM arts. 98 and 112,
 * and the amparo, Ley de Amparo art. 17 fr. IV with LM art. 99), each to the caseworker, the supervisor
 * and the lawyer: three emails where there were six, each alarm still its own ledger row, its own
 * one-click link and its own line on the timeline. Time-skipping server, real Postgres and SMTP.
 */
import { createCaseHarness, historySinceLastWake, mx, PEOPLE, recordAsCaseworker, recordHistory, type CaseHarness } from '../test/caseHarness';
import { stateQuery } from './caseDefinitions';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('steps-together');
});
afterAll(() => h?.teardown());

const PEOPLE_OF_CASE = [PEOPLE.caseworker, PEOPLE.supervisor, PEOPLE.lawyer];

test("a child's detention: each person gets one email with both alarms, each with its own link, key and ledger row", async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-03-04', '10:00'));
    const handle = await h.startCase({ caseId: 'tog-1' });
    await h.advanceTo(mx('2030-03-04', '22:00'));
    await recordAsCaseworker(handle, 'detention_started', mx('2030-03-04', '22:00'), { place: 'Estación migratoria Siglo XXI' });
    // Four hours on, the second alarm of each series falls due at the same instant.
    await h.advanceTo(mx('2030-03-05', '02:01'));
    const alarm1 = (k: string) => k.startsWith('tog-1/') && k.split('/')[3] === 'alarm-1';
    await h.mail.waitFor(6, { match: (m) => alarm1(m.keys[0]!), timeoutMs: 20_000 });
    for (const person of PEOPLE_OF_CASE) {
      const emails = h.mail.emails.filter((m) => m.to.includes(person.email) && m.keys.some(alarm1));
      expect(emails).toHaveLength(1);
      const [email] = emails;
      expect(email!.keys.map((k) => k.split('/')[1]).sort()).toEqual(['amparo_now', 'child_detention_notice']);
      expect(email!.keys.every((k) => k.endsWith(`:${person.id}`))).toBe(true);
      // In the person's own language (the test's people read Spanish and English).
      const es = person.language === 'es';
      expect(email!.subject).toMatch(es ? /^\[Plazo\] ALERTA · Caso tog-1 · .+ \+ .+/ : /^\[Plazo\] ALERT · Case tog-1 · .+ \+ .+/);
      expect(email!.text).toContain(es ? '2 avisos de este caso le llegan a la vez' : '2 notices of this case reach you at once');
      // One one-click link per alarm, different.
      const links = email!.text.match(/\/ack\/plzack_[A-Za-z0-9_-]+/g) ?? [];
      expect(new Set(links).size).toBe(2);
    }
    // A ledger row per alarm and person, each sent once.
    const rows = await h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts']).where('case_id', '=', 'tog-1').where('step', '=', 'alarm-1').execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // The timeline says who each alarm reached, each on its own line.
    const state = await handle.query(stateQuery);
    const noted = state.timeline.filter((t) => t.type === 'notification_sent' && t.summary.startsWith('alarm-1 '));
    expect(noted.map((t) => t.deadlineId).sort()).toEqual(['amparo_now', 'child_detention_notice']);
    for (const t of noted) expect(t.summary).toContain(`caseworker ${PEOPLE.caseworker.id}, supervisor ${PEOPLE.supervisor.id}, lawyer ${PEOPLE.lawyer.id}`);

    // The wake-up at 02:00 was one workflow task (patched 'steps-sent-in-task'): the alarms went out from the task
    // itself (a local activity's marker), no activity task was queued, and who they reached was noted in it.
    const { sinceWake: after } = await historySinceLastWake(handle);
    expect(after.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect(after.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(after.filter((e) => e.markerRecordedEventAttributes).length).toBeGreaterThanOrEqual(2); // the send, the projection
    await recordHistory(handle, 'steps-sent-in-task');
  });
});
