/**
 * The delivery counters as the ledger moves, on real Postgres and a real SMTP catcher that is down for the
 * first attempt (421 at the greeting): due once, failed once with its SMTP code, then retried and sent once
 * with its lateness observed. Read back through the registry's exposition, as Prometheus would.
 */
import { sendIdempotentEmail, sendIdempotentEmails } from '../activities/notifications';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { parseExposition, valueOf } from '../test/prometheusText';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { createMailer } from '../worker/mailer';
import { smtpErrorCode, workerRegistry } from './deliveryMetrics';

let pg: TestDatabase;
let mail: MailCatcher;
let down = true;
beforeAll(async () => {
  [pg, mail] = await Promise.all([createTestDatabase(), startMailCatcher({ down: () => down })]);
});
afterAll(async () => {
  await mail?.stop();
  await pg?.drop();
});

const read = async () => parseExposition(await workerRegistry.metrics());

test('a message refused once, then delivered: due 1, failed 1 with its SMTP code, retried 1, sent 1, lateness observed', async () => {
  const before = await read();
  const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort });
  const scheduledFor = new Date(Date.now() - 90_000).toISOString();
  const send = () => sendIdempotentEmail({ db: pg.db, mailer, from: 'Plazo <plazo@test.local>' }, { idempotencyKey: 'metrics/unit/1', recipient: 'ana@ong.test', language: 'es', subject: 's', body: 'b', scheduledFor });
  const delta = (after: ReturnType<typeof parseExposition>, name: string, labels: Record<string, string> = { channel: 'email' }) => valueOf(after, name, labels) - valueOf(before, name, labels);
  try {
    const refused = await send().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(Error);
    const code = smtpErrorCode(refused);
    const afterFailure = await read();
    expect(delta(afterFailure, 'plazo_reminders_due_total')).toBe(1);
    expect(delta(afterFailure, 'plazo_reminders_failed_total')).toBe(1);
    expect(delta(afterFailure, 'plazo_smtp_errors_total', { code })).toBe(1);
    expect(delta(afterFailure, 'plazo_reminders_sent_total')).toBe(0);

    down = false;
    expect((await send()).outcome).toBe('sent');
    expect((await send()).outcome).toBe('already_sent');
    const after = await read();
    expect(delta(after, 'plazo_reminders_due_total')).toBe(1);
    expect(delta(after, 'plazo_reminders_retried_total')).toBe(1);
    expect(delta(after, 'plazo_reminders_sent_total')).toBe(1);
    expect(delta(after, 'plazo_reminder_lateness_seconds_count')).toBe(1);
    // 90 s late: in the 120 s bucket, not in the 60 s one.
    expect(delta(after, 'plazo_reminder_lateness_seconds_bucket', { channel: 'email', le: '60' })).toBe(0);
    expect(delta(after, 'plazo_reminder_lateness_seconds_bucket', { channel: 'email', le: '120' })).toBe(1);
  } finally {
    mailer.close();
  }
});

test('two steps in one email, refused once: each counts as its own reminder (due, failed, retried, sent), the SMTP error once', async () => {
  down = true;
  const before = await read();
  const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort });
  const scheduledFor = new Date(Date.now() - 90_000).toISOString();
  const reqs = ['metrics/unit/a', 'metrics/unit/b'].map((idempotencyKey) => ({ idempotencyKey, recipient: 'ana@ong.test', language: 'es' as const, subject: 's', body: 'b', scheduledFor }));
  const send = () => sendIdempotentEmails({ db: pg.db, mailer, from: 'Plazo <plazo@test.local>' }, reqs, () => ({ subject: 'juntos', body: 'a y b' }));
  const delta = (after: ReturnType<typeof parseExposition>, name: string, labels: Record<string, string> = { channel: 'email' }) => valueOf(after, name, labels) - valueOf(before, name, labels);
  try {
    const refused = await send().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(Error);
    const afterFailure = await read();
    expect(delta(afterFailure, 'plazo_reminders_due_total')).toBe(2);
    expect(delta(afterFailure, 'plazo_reminders_failed_total')).toBe(2);
    expect(delta(afterFailure, 'plazo_smtp_errors_total', { code: smtpErrorCode(refused) })).toBe(1);
    down = false;
    expect((await send()).map((r) => r.outcome)).toEqual(['sent', 'sent']);
    const after = await read();
    expect(delta(after, 'plazo_reminders_retried_total')).toBe(2);
    expect(delta(after, 'plazo_reminders_sent_total')).toBe(2);
    expect(delta(after, 'plazo_reminder_lateness_seconds_count')).toBe(2);
  } finally {
    mailer.close();
  }
});

test('an SMTP error code becomes a label only when it is one of nodemailer\'s codes', () => {
  expect(smtpErrorCode(Object.assign(new Error('x'), { code: 'ECONNECTION' }))).toBe('ECONNECTION');
  expect(smtpErrorCode(Object.assign(new Error('x'), { code: 'EAUTH' }))).toBe('EAUTH');
  expect(smtpErrorCode(Object.assign(new Error('x'), { code: 'ana@ong.test refused' }))).toBe('other');
  expect(smtpErrorCode(new Error('no code'))).toBe('other');
  expect(smtpErrorCode(undefined)).toBe('other');
});
