import { connect } from 'node:net';
import { createMailer } from '../config/mailer';
import { startMailCatcher } from './mailCatcher';

/** A client that vanishes mid-session, as a SIGKILLed worker's pooled connections do, must not stop the catcher. */
test('connections reset mid-session leave the catcher receiving', async () => {
  const mail = await startMailCatcher();
  try {
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(mail.smtpPort, '127.0.0.1');
        socket.once('error', reject);
        // Into a transaction (MAIL FROM, RCPT, half the DATA), then a TCP reset instead of the final dot.
        const lines = ['EHLO worker', 'MAIL FROM:<plazo@test>', 'RCPT TO:<ana@test>', 'DATA', 'Subject: a medias'];
        socket.on('data', () => {
          const line = lines.shift();
          if (line === undefined) return;
          socket.write(`${line}\r\n`);
          if (lines.length === 0)
            setTimeout(() => {
              socket.resetAndDestroy();
              resolve();
            }, 50);
        });
      });
    }
    await new Promise((r) => setTimeout(r, 200));
    const mailer = createMailer({ host: '127.0.0.1', port: mail.smtpPort, pooled: true });
    await mailer.sendMail({ from: 'plazo@test', to: 'ana@test', subject: 'sigue recibiendo', text: 'ok' });
    mailer.close();
    const [m] = await mail.waitFor(1, { timeoutMs: 5000 });
    expect(m!.subject).toBe('sigue recibiendo');
  } finally {
    await mail.stop();
  }
});
