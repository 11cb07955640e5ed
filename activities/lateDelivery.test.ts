/**
 * A message held back by an SMTP outage says it is late when it finally goes out; one sent at its first
 * attempt, or retried before the undelivered alert's threshold, is not marked. Real Postgres, a real SMTP
 * catcher that refuses while `down`.
 */
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { DELIVERY_ALERTS } from '../metrics/alertThresholds';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase';
import { createMailer } from '../worker/mailer';
import { sendIdempotentEmail } from './notifications';

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

const past = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
const THRESHOLD = DELIVERY_ALERTS.PlazoReminderUndelivered.seconds;

async function deliver(key: string, scheduledFor: string, refusedFirst: boolean) {
  const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort });
  const send = () => sendIdempotentEmail({ db: pg.db, mailer, from: 'Plazo <plazo@test.local>' }, { idempotencyKey: key, recipient: 'ana@ong.test', language: 'es', subject: 'Aviso', body: 'Hola, Ana:', scheduledFor });
  if (refusedFirst) {
    down = true;
    await expect(send()).rejects.toThrow(/421/);
    down = false;
  }
  expect((await send()).outcome).toBe('sent');
  const [m] = await mail.waitFor(1, { match: (x) => x.headers['x-plazo-idempotency-key'] === key, timeoutMs: 10_000 });
  return m!;
}

test('refused, then sent past the threshold: marked late in the subject, the first line and a header', async () => {
  const m = await deliver('late/1', past(THRESHOLD + 300), true);
  expect(m.subject).toBe('[con retraso] Aviso');
  expect(m.text).toMatch(/^Este aviso llega con retraso: debía salir el .+ \(.+\) y no se pudo enviar por correo entonces\.\n\nHola, Ana:/);
  expect(m.headers['x-plazo-late']).toBe('true');
});

test('sent at the first attempt, however long after its instant (an event recorded late): not marked', async () => {
  const m = await deliver('late/2', past(THRESHOLD + 300), false);
  expect(m.subject).toBe('Aviso');
  expect(m.headers['x-plazo-late']).toBeUndefined();
});

test('refused, then sent within the threshold: not marked', async () => {
  const m = await deliver('late/3', past(30), true);
  expect(m.subject).toBe('Aviso');
  expect(m.text.trim()).toBe('Hola, Ana:');
});
