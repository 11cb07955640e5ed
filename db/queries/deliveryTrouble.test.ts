/**
 * The per-page query of the delivery banner on real Postgres: what it reports (failing since, the person's
 * own hour-counted alarms, closed cases left out) and that it reads the unsent rows' partial index
 * (migration 0017), not the whole ledger, with a ledger of 50,000 sent messages.
 */
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import { deliveryTrouble, deliveryTroubleQuery } from './deliveryTrouble';

let t: TestDatabase;
const deadline = (caseId: string, unit: string) => ({
  case_id: caseId, deadline_id: `${caseId}-d`, rule_id: 'child_detention_notice', title: 'Aviso', status: 'open', late: false, kind: 'law', unit, calendar: 'natural', trigger: '2026-01-01',
  due: '2026-01-01', due_latest: '2026-01-01', due_instant: '2026-01-01T12:00:00Z', due_latest_instant: '2026-01-01T12:00:00Z', citation: 'test', skipped: '[]', overlays_applied: '[]', next_step: 'null', steps: '[]', acks: '[]',
});
const message = (key: string, caseId: string | null, recipient: string, status: 'pending' | 'sent' | 'failed', minutesAgo: number) =>
  sql`insert into notifications (idempotency_key, case_id, deadline_id, channel, recipient, language, subject, body, status, attempts, created_at)
      values (${key}, ${caseId}, ${caseId ? `${caseId}-d` : null}, 'email', ${recipient}, 'es', 's', 'b', ${status}, 1, now() - make_interval(mins => ${minutesAgo}))`.execute(t.db);

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.insertInto('cases').values(['HOURS', 'DAYS', 'CLOSED'].map((id) => ({
    id, workflow_id: `case-${id}`, rule_pack: 'mx-2026.2', phase: 'intake', child_name: `Niña ${id}`, office: null, caseworker_id: 'ana', supervisor_id: 'beto', lawyer_id: 'carla',
    detained: id === 'HOURS', opened_at: '2026-01-01T00:00:00Z', closed_at: id === 'CLOSED' ? '2026-01-02T00:00:00Z' : null, next_due_instant: null, alarm_due_instant: null, version: 1,
  }))).execute();
  await t.db.insertInto('case_deadlines').values([deadline('HOURS', 'hours'), deadline('DAYS', 'business_days'), deadline('CLOSED', 'hours')]).execute();
  await sql`insert into notifications (idempotency_key, case_id, channel, recipient, language, subject, body, status, attempts, sent_at)
            select 'sent-' || i, null, 'email', 'ana@ong.test', 'es', 's', 'b', 'sent', 1, now() from generate_series(1, 50000) i`.execute(t.db);
  await sql`analyze notifications`.execute(t.db);
}, 120_000);
afterAll(() => t?.drop());

test('nothing failing: no banner', async () => {
  expect(await deliveryTrouble(t.db, 'ana@ong.test')).toBeNull();
  await message('pending-1', 'DAYS', 'ana@ong.test', 'pending', 1);
  expect(await deliveryTrouble(t.db, 'ana@ong.test')).toBeNull();
});

test("failing: since the oldest failure of an open case, and each person's own hour-counted alarms only", async () => {
  await message('closed-1', 'CLOSED', 'ana@ong.test', 'failed', 300);
  await message('days-1', 'DAYS', 'ana@ong.test', 'failed', 90);
  await message('hours-1', 'HOURS', 'Ana@ong.test', 'failed', 30);
  await message('hours-2', 'HOURS', 'ana@ong.test', 'failed', 20);
  await message('hours-beto', 'HOURS', 'beto@ong.test', 'failed', 10);
  const ana = await deliveryTrouble(t.db, 'ana@ong.test');
  expect(Math.round((Date.now() - ana!.failingSince.getTime()) / 60_000)).toBe(90);
  expect(ana!.alarms.map((a) => [a.caseId, a.childName, a.ruleId])).toEqual([['HOURS', 'Niña HOURS', 'child_detention_notice']]);
  expect(Math.round((Date.now() - ana!.alarms[0]!.since.getTime()) / 60_000)).toBe(30);
  const luis = await deliveryTrouble(t.db, 'luis@ong.test');
  expect(luis?.failingSince).toEqual(ana!.failingSince);
  expect(luis?.alarms).toEqual([]);
});

test('the query reads the partial index of unsent messages, not the 50,000 sent ones', async () => {
  const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${deliveryTroubleQuery('ana@ong.test')}`.execute(t.db);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  expect(plan).toContain('notifications_unsent_idx');
});
