import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadEnv } from './env';
import { createMailer } from './mailer';
import { SMTP_CONNECTIONS_DEFAULT } from './smtpPool';

/** A relay that counts its sessions open at once and holds each message a little, as a busy relay does. */
async function countingRelay() {
  let open = 0;
  let most = 0;
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect: (_session, cb) => {
      most = Math.max(most, ++open);
      cb();
    },
    onClose: () => void open--,
    onData: (stream, _session, cb) => {
      stream.resume();
      stream.on('end', () => setTimeout(() => (received++, cb()), 30));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, most: () => most, received: () => received, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

test('the worker keeps at most SMTP_MAX_CONNECTIONS sessions open to the relay, side by side', async () => {
  const relay = await countingRelay();
  const mailer = createMailer({ host: '127.0.0.1', port: relay.port, pooled: true, connections: 3 });
  try {
    await Promise.all(Array.from({ length: 12 }, (_, i) => mailer.sendMail({ from: 'plazo@test', to: `p${i}@test`, subject: `aviso ${i}`, text: 'x' })));
    expect(relay.received()).toBe(12);
    // Side by side, and never more than allowed.
    expect(relay.most()).toBe(3);
  } finally {
    mailer.close();
    await relay.stop();
  }
});

test('SMTP_MAX_CONNECTIONS: a default, and a bad value refused naming the variable', () => {
  expect(loadEnv({}).SMTP_MAX_CONNECTIONS).toBe(SMTP_CONNECTIONS_DEFAULT);
  expect(loadEnv({ SMTP_MAX_CONNECTIONS: '4' }).SMTP_MAX_CONNECTIONS).toBe(4);
  for (const bad of ['0', '-1', 'muchas', '2.5']) expect(() => loadEnv({ SMTP_MAX_CONNECTIONS: bad })).toThrow(/^environment variable SMTP_MAX_CONNECTIONS: /);
});
