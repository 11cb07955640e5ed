/**
 * The SMTP relay is down for a whole (simulated) day: every delivery attempt is refused with 421. The
 * ladder's delivery activity keeps retrying with backoff, the supervisor gets an in-app notice after
 * the third failed attempt, and once the relay is back every message arrives, each exactly once.
 * Time-skipping server: a day of retries takes seconds.
 */
import { recordEventUpdate, stateQuery } from '../workflows/caseDefinitions';
import { ESCALATE_DELIVERY_AFTER_ATTEMPTS } from '../activities/deliveries';
import { eventually } from './apiHarness';
import { untilAtRest } from './atRest';
import { createCaseHarness, PEOPLE, recordHistory, type CaseHarness } from './caseHarness';

const HOUR = 3600_000;
const CASE = 'OUTAGE-1';
let h: CaseHarness;
let down = true;

beforeAll(async () => {
  h = await createCaseHarness('smtp-outage', { mail: { down: () => down } });
}, 120_000);

afterAll(async () => {
  await h?.teardown();
});

const emailRows = () =>
  h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts']).where('case_id', '=', CASE).where('channel', '=', 'email').execute();

test('a day without SMTP: retried with backoff, the supervisor is told, then each message arrives once', async () => {
  await h.withWorker(async () => {
    // mx-2027.1: one alarm series (mx-2027.2 adds amparo_now's on a child's detention; the machinery is the same).
    const handle = await h.startCase({ caseId: CASE }, { rulePack: 'mx-2027.1' });
    // The instant the workflow took the case over: a detention from then on is not "before Plazo".
    const opened = await eventually(() => handle.query(stateQuery), 20_000);
    const t0 = Math.max(await h.now(), opened.inPlazoSince ?? 0);
    // A detention: the alarm goes at once to caseworker, supervisor and lawyer, then every 4 hours.
    await handle.executeUpdate(recordEventUpdate, {
      args: [{ type: 'detention_started', occurredAt: new Date(t0).toISOString(), recordedBy: PEOPLE.caseworker.id, place: 'EM Tapachula' }],
    });

    await h.advanceTo(new Date(t0 + 24 * HOUR).toISOString());
    expect(h.mail.messages).toHaveLength(0);
    expect(h.mail.refused()).toBeGreaterThanOrEqual(20);
    const failing = await emailRows();
    expect(failing.length).toBeGreaterThan(0);
    // Backoff: 30 s doubling to 30 min is about 54 attempts of the first alarm in a day
    // (30+60+…+960 s ≈ 31 min, then one every 30 min), not thousands. Each attempt tries every person.
    expect(Math.max(...failing.map((r) => r.attempts))).toBeLessThanOrEqual(60);
    expect(failing.every((r) => r.status !== 'sent')).toBe(true);
    expect(Math.max(...failing.map((r) => r.attempts))).toBeGreaterThanOrEqual(ESCALATE_DELIVERY_AFTER_ATTEMPTS);

    // The supervisor sees the failure in the app while email is down.
    const notices = await h.pg.db
      .selectFrom('notifications')
      .select(['recipient', 'status', 'idempotency_key', 'subject'])
      .where('case_id', '=', CASE)
      .where('channel', '=', 'in_app')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) {
      expect(n).toMatchObject({ recipient: PEOPLE.supervisor.id, status: 'sent' });
      expect(n.idempotency_key).toMatch(/\/delivery-failed$/);
    }

    // The relay is back: within one maximum backoff interval everything owed goes out.
    down = false;
    await h.advanceTo(new Date(t0 + 24 * HOUR + 31 * 60_000).toISOString());
    await eventually(async () => {
      const rows = await emailRows();
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    }, 60_000);
    await untilAtRest(handle); // every send done: a duplicate would be in by now

    const rows = await emailRows();
    const keys = h.mail.messages.map((m) => m.headers['x-plazo-idempotency-key']);
    // None lost: every message of the ledger arrived. None twice: each key once.
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(rows.map((r) => r.idempotency_key).sort());
    // The first alarm reached all three people.
    const firstAlarm = h.mail.messages.filter((m) => m.headers['x-plazo-scheduled-for'] === new Date(t0).toISOString()).map((m) => m.to[0]).sort();
    expect(firstAlarm).toEqual([PEOPLE.caseworker.email, PEOPLE.lawyer.email, PEOPLE.supervisor.email].sort());
    // The 4-hourly alarms were tried in their wake-up's own task, refused, then handed to the queued activity.
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.markerRecordedEventAttributes).length).toBeGreaterThan(0);
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes).length).toBeGreaterThan(1);
    await recordHistory(handle, 'smtp-outage-steps-sent-in-task');
  });
}, 300_000);
