/**
 * Several ledger messages to one person as one email (the steps of a case due together): each key still
 * at most once, all sent or all failed together, a retry saying only what is unsent. Real Postgres, a
 * real SMTP catcher that refuses while `down`.
 */
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { createMailer } from '../worker/mailer';
import type { NotificationRequest } from './notificationRequest';
import { sendIdempotentEmail, sendIdempotentEmails } from './notifications';

let pg: TestDatabase;
let mail: MailCatcher;
let down = false;
beforeAll(async () => {
  [pg, mail] = await Promise.all([createTestDatabase(), startMailCatcher({ down: () => down })]);
});
afterAll(async () => {
  await mail?.stop();
  await pg?.drop();
});

const deps = () => ({ db: pg.db, mailer: createMailer({ host: '127.0.0.1', port: mail.smtpPort }), from: 'Plazo <plazo@test.local>' });
const req = (key: string, recipient = 'ana@ong.test'): NotificationRequest => ({ idempotencyKey: key, caseId: key.split('/')[0], recipient, language: 'es', subject: `Aviso ${key}`, body: `Hola: ${key}`, scheduledFor: new Date().toISOString() });
const composed = (unsent: NotificationRequest[]) => ({ subject: `Juntos ${unsent.length}`, body: unsent.map((u) => u.idempotencyKey).join('\n') });
const emailsWith = (key: string) => mail.emails.filter((m) => m.keys.includes(key));
const ledger = (keys: string[]) => pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts', 'subject', 'body']).where('idempotency_key', 'in', keys).orderBy('idempotency_key').execute();

test('two messages, one email carrying both keys; a repeat sends nothing', async () => {
  const keys = ['T1/a/x/alarm-1/caseworker:ana', 'T1/b/x/alarm-1/caseworker:ana'];
  const first = await sendIdempotentEmails(deps(), keys.map((k) => req(k)), composed);
  expect(first.map((r) => r.outcome)).toEqual(['sent', 'sent']);
  const [email] = await mail.waitFor(2, { match: (m) => m.keys[0]!.startsWith('T1/'), timeoutMs: 10_000 });
  expect(email!.subject).toBe('Juntos 2');
  expect(emailsWith(keys[0]!)).toHaveLength(1);
  expect(emailsWith(keys[0]!)[0]!.keys).toEqual(keys);
  // The catcher shows it as two messages, one per key, as the scenario tests count them.
  expect(mail.messages.filter((m) => m.keys[0]!.startsWith('T1/')).map((m) => m.headers['x-plazo-idempotency-key'])).toEqual(keys);
  // The ledger keeps a row per key, each with the words the person read.
  expect((await ledger(keys)).map((r) => [r.status, r.attempts, r.subject])).toEqual([['sent', 1, 'Juntos 2'], ['sent', 1, 'Juntos 2']]);
  const again = await sendIdempotentEmails(deps(), keys.map((k) => req(k)), composed);
  expect(again.map((r) => r.outcome)).toEqual(['already_sent', 'already_sent']);
  expect(again.map((r) => r.notificationId)).toEqual(first.map((r) => r.notificationId));
  await new Promise((r) => setTimeout(r, 300));
  expect(emailsWith(keys[0]!)).toHaveLength(1);
});

test('one of them already sent on its own: the email says only the other, under its key alone', async () => {
  const keys = ['T2/a/x/alarm-1/lawyer:carla', 'T2/b/x/alarm-1/lawyer:carla'];
  await sendIdempotentEmail(deps(), req(keys[0]!, 'carla@ong.test'));
  let given: string[] = [];
  const r = await sendIdempotentEmails(deps(), keys.map((k) => req(k, 'carla@ong.test')), (unsent) => {
    given = unsent.map((u) => u.idempotencyKey);
    return composed(unsent);
  });
  expect(r.map((x) => x.outcome)).toEqual(['already_sent', 'sent']);
  expect(given).toEqual([keys[1]]);
  await mail.waitFor(2, { match: (m) => m.keys[0]!.startsWith('T2/'), timeoutMs: 10_000 });
  expect(emailsWith(keys[1]!).map((m) => m.keys)).toEqual([[keys[1]]]);
  expect(emailsWith(keys[0]!).map((m) => m.keys)).toEqual([[keys[0]]]);
});

test('refused by SMTP: both rows failed, nothing sent; the retry sends the one email', async () => {
  const keys = ['T3/a/x/alarm-1/supervisor:beto', 'T3/b/x/alarm-1/supervisor:beto'];
  down = true;
  await expect(sendIdempotentEmails(deps(), keys.map((k) => req(k, 'beto@ong.test')), composed)).rejects.toThrow(/421/);
  down = false;
  expect((await ledger(keys)).map((r) => [r.status, r.attempts])).toEqual([['failed', 1], ['failed', 1]]);
  expect(mail.emails.filter((m) => m.keys.some((k) => k.startsWith('T3/')))).toHaveLength(0);
  expect((await sendIdempotentEmails(deps(), keys.map((k) => req(k, 'beto@ong.test')), composed)).map((x) => x.outcome)).toEqual(['sent', 'sent']);
  expect((await ledger(keys)).map((r) => [r.status, r.attempts])).toEqual([['sent', 2], ['sent', 2]]);
  expect(emailsWith(keys[0]!).map((m) => m.keys)).toEqual([keys]);
});

test('two attempts at once (a worker thought dead and its retry): one email', async () => {
  const keys = ['T4/a/x/alarm-1/caseworker:ana', 'T4/b/x/alarm-1/caseworker:ana', 'T4/c/x/reminder/caseworker:ana'];
  const both = await Promise.all([0, 1].map(() => sendIdempotentEmails(deps(), keys.map((k) => req(k)), composed)));
  expect(both.flat().filter((r) => r.outcome === 'sent')).toHaveLength(3);
  await mail.waitFor(3, { match: (m) => m.keys[0]!.startsWith('T4/'), timeoutMs: 10_000 });
  await new Promise((r) => setTimeout(r, 300));
  expect(mail.emails.filter((m) => m.keys.some((k) => k.startsWith('T4/'))).map((m) => m.keys)).toEqual([keys]);
});

test('messages to two people are refused whole, naming the field, and nothing is stored', async () => {
  const keys = ['T5/a/x/alarm-1/caseworker:ana', 'T5/b/x/alarm-1/lawyer:carla'];
  await expect(sendIdempotentEmails(deps(), [req(keys[0]!), req(keys[1]!, 'carla@ong.test')], composed)).rejects.toThrow(/notification recipient/);
  expect(await ledger(keys)).toEqual([]);
  await expect(sendIdempotentEmails(deps(), [req(keys[0]!), { ...req(keys[1]!), recipient: 'not-an-email' }], composed)).rejects.toThrow(/notification recipient: /);
  expect(await ledger(keys)).toEqual([]);
});
