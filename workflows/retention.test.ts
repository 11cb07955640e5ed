/**
 * Retention of the tables that only grow, on real Postgres: rows past their retention go, newer ones
 * stay, and no ledger row goes while its message could still be asked for (an open case, an unsent
 * message of a closed case, a case not yet projected, an unsent message of no case). Then the daily
 * workflow on the time-skipping server prunes by Temporal's clock.
 */
import { sql } from 'kysely';
import { sendIdempotentEmail } from '../activities/notifications';
import { createRetentionActivities, RETENTION_DAYS } from '../activities/retention';
import { eventually } from '../test/apiHarness';
import { createCaseHarness, PEOPLE, type CaseHarness } from '../test/caseHarness';
import { createMailer } from '../worker/mailer';
import { RETENTION_WORKFLOW_ID, retentionWorkflow } from './retention';

const DAY_MS = 86_400_000;
let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('retention');
});
afterAll(() => h?.teardown());

const daysAgo = (now: number, days: number) => new Date(now - days * DAY_MS);

async function addCase(id: string, closedAt: Date | null, projectedAt: Date): Promise<void> {
  const { db } = h.pg;
  await db
    .insertInto('cases')
    .values({ id, workflow_id: `case-${id}`, rule_pack: 'mx-2026.2', phase: closedAt ? 'closed' : 'intake', child_name: 'N. N.', caseworker_id: PEOPLE.caseworker.id, supervisor_id: PEOPLE.supervisor.id, lawyer_id: PEOPLE.lawyer.id, detained: false, opened_at: new Date(projectedAt.getTime() - 30 * DAY_MS).toISOString(), closed_at: closedAt?.toISOString() ?? null, version: 1 })
    .execute();
  await sql`update cases set updated_at = ${projectedAt} where id = ${id}`.execute(db);
}

async function addMessage(key: string, caseId: string | null, status: 'sent' | 'failed', at: Date): Promise<void> {
  await h.pg.db
    .insertInto('notifications')
    .values({ idempotency_key: key, case_id: caseId, deadline_id: null, step: 'reminder', channel: 'email', recipient: PEOPLE.caseworker.email, language: 'es', subject: key, body: 'b', status, attempts: 1, last_error: status === 'failed' ? 'refused' : null, sent_at: status === 'sent' ? at : null, scheduled_for: at })
    .execute();
  await sql`update notifications set created_at = ${at} where idempotency_key = ${key}`.execute(h.pg.db);
}

const ledgerKeys = async () => (await h.pg.db.selectFrom('notifications').select('idempotency_key').orderBy('idempotency_key').execute()).map((r) => r.idempotency_key);

test('each table keeps what is within its retention, and the ledger keeps every row a send could still ask for', async () => {
  const { db } = h.pg;
  const now = Date.now();
  const L = RETENTION_DAYS.ledger;

  // Idempotency keys, from the first request.
  await db.insertInto('idempotency_keys').values([
    { user_id: PEOPLE.caseworker.id, key: 'old', request_hash: 'h', status: 201, response: '{}' },
    { user_id: PEOPLE.caseworker.id, key: 'new', request_hash: 'h', status: 201, response: '{}' },
  ]).execute();
  await sql`update idempotency_keys set created_at = ${daysAgo(now, RETENTION_DAYS.idempotencyKeys + 1)} where key = 'old'`.execute(db);
  await sql`update idempotency_keys set created_at = ${daysAgo(now, RETENTION_DAYS.idempotencyKeys - 1)} where key = 'new'`.execute(db);

  // One-click links, from their expiry.
  const link = (token_hash: string, expires_at: Date) => ({ token_hash, user_id: PEOPLE.caseworker.id, case_id: 'RET-OPEN', deadline_id: 'd', series: 'reminder', expires_at });
  await db.insertInto('ack_links').values([link('expired-long-ago', daysAgo(now, RETENTION_DAYS.ackLinks + 1)), link('expired-lately', daysAgo(now, RETENTION_DAYS.ackLinks - 1)), link('live', daysAgo(now, -3))]).execute();

  // Web sessions, from their end: revoked or expired.
  const S = RETENTION_DAYS.endedSessions;
  const session = (id: string, expires_at: Date, revoked_at: Date | null) => ({ id, token_hash: `hash-${id}`, user_id: PEOPLE.caseworker.id, method: 'email' as const, user_agent: 'test', expires_at, revoked_at });
  await db.insertInto('web_sessions').values([
    session('ses_revoked_long_ago', daysAgo(now, -10), daysAgo(now, S + 1)),
    session('ses_expired_long_ago', daysAgo(now, S + 1), null),
    session('ses_revoked_lately', daysAgo(now, -10), daysAgo(now, S - 1)),
    session('ses_live', daysAgo(now, -10), null),
  ]).execute();

  // The ledger.
  await addCase('RET-CLOSED', daysAgo(now, L + 30), daysAgo(now, L + 30));
  await addMessage('RET-CLOSED/a', 'RET-CLOSED', 'sent', daysAgo(now, L + 40));
  await addMessage('RET-CLOSED/b', 'RET-CLOSED', 'sent', daysAgo(now, L + 35));
  // Closed long ago, but one message never went out: its delivery may still be retrying, so all stay.
  await addCase('RET-UNSENT', daysAgo(now, L + 30), daysAgo(now, L + 30));
  await addMessage('RET-UNSENT/a', 'RET-UNSENT', 'sent', daysAgo(now, L + 40));
  await addMessage('RET-UNSENT/b', 'RET-UNSENT', 'failed', daysAgo(now, L + 40));
  await addCase('RET-RECENT', daysAgo(now, L - 30), daysAgo(now, L - 30));
  await addMessage('RET-RECENT/a', 'RET-RECENT', 'sent', daysAgo(now, L + 40));
  // Closed (by the event's date) long ago, but recorded lately: counted from when it was recorded.
  await addCase('RET-BACKDATED', daysAgo(now, L + 30), daysAgo(now, 2));
  await addMessage('RET-BACKDATED/a', 'RET-BACKDATED', 'sent', daysAgo(now, L + 40));
  await addCase('RET-OPEN', null, daysAgo(now, L + 100));
  await addMessage('RET-OPEN/a', 'RET-OPEN', 'sent', daysAgo(now, L + 100));
  await addMessage('RET-UNPROJECTED/a', 'RET-UNPROJECTED', 'sent', daysAgo(now, L + 100));
  await addMessage('digest/old', null, 'sent', daysAgo(now, L + 1));
  await addMessage('digest/recent', null, 'sent', daysAgo(now, L - 1));
  await addMessage('scheduled/unsent', null, 'failed', daysAgo(now, L + 100));

  const { purgeExpiredRows } = createRetentionActivities({ db });
  expect(await purgeExpiredRows(now)).toEqual({ idempotencyKeys: 1, ackLinks: 1, endedSessions: 2, ledger: 3 });

  expect((await db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key)).toEqual(['new']);
  expect((await db.selectFrom('ack_links').select('token_hash').orderBy('token_hash').execute()).map((r) => r.token_hash)).toEqual(['expired-lately', 'live']);
  expect((await db.selectFrom('web_sessions').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['ses_live', 'ses_revoked_lately']);
  expect(await ledgerKeys()).toEqual(['RET-BACKDATED/a', 'RET-OPEN/a', 'RET-RECENT/a', 'RET-UNPROJECTED/a', 'RET-UNSENT/a', 'RET-UNSENT/b', 'digest/recent', 'scheduled/unsent']);
  // A second run the same day finds nothing more.
  expect(await purgeExpiredRows(now)).toEqual({ idempotencyKeys: 0, ackLinks: 0, endedSessions: 0, ledger: 0 });

  // What the kept rows are for: the retry of the closed case's step sends the failed message once and
  // skips the one already sent (its row is still there), so nobody gets a reminder twice.
  const mailer = createMailer({ host: '127.0.0.1', port: h.mail.smtpPort });
  try {
    const deps = { db, mailer, from: 'Plazo <plazo@test.local>' };
    const retry = (key: string) => sendIdempotentEmail(deps, { idempotencyKey: key, caseId: 'RET-UNSENT', recipient: PEOPLE.caseworker.email, language: 'es', subject: key, body: 'b' });
    expect((await retry('RET-UNSENT/a')).outcome).toBe('already_sent');
    expect((await retry('RET-UNSENT/b')).outcome).toBe('sent');
    await h.mail.waitFor(1, { match: (m) => m.subject === 'RET-UNSENT/b', timeoutMs: 10_000 });
    expect(h.mail.messages.filter((m) => m.subject.startsWith('RET-UNSENT/'))).toHaveLength(1);
  } finally {
    mailer.close();
  }
  // Now every message of that case is sent: the next run lets them go.
  expect((await purgeExpiredRows(now)).ledger).toBe(2);
  expect(await ledgerKeys()).not.toContain('RET-UNSENT/a');
});

test('the retention workflow prunes once a day by Temporal clock', async () => {
  const { db } = h.pg;
  const keyAged = async (key: string, days: number) => {
    await db.insertInto('idempotency_keys').values({ user_id: PEOPLE.supervisor.id, key, request_hash: 'h', status: 200, response: '{}' }).execute();
    await sql`update idempotency_keys set created_at = ${daysAgo(await h.now(), days)} where key = ${key}`.execute(db);
  };
  const keys = async () => (await db.selectFrom('idempotency_keys').select('key').where('user_id', '=', PEOPLE.supervisor.id).orderBy('key').execute()).map((r) => r.key);
  await keyAged('wf-old', RETENTION_DAYS.idempotencyKeys + 1);
  await keyAged('wf-young', RETENTION_DAYS.idempotencyKeys - 1.5);

  await h.withWorker(async () => {
    await h.env.client.workflow.start(retentionWorkflow, { taskQueue: h.taskQueue, workflowId: RETENTION_WORKFLOW_ID });
    await eventually(async () => expect(await keys()).toEqual(['wf-young']));
    // Two days on (Temporal time), the daily run has passed the young key's retention too.
    await h.advanceTo(new Date((await h.now()) + 2 * DAY_MS + 60_000).toISOString());
    await eventually(async () => expect(await keys()).toEqual([]));
    await h.env.client.workflow.getHandle(RETENTION_WORKFLOW_ID).terminate('test over');
  });
}, 120_000);
