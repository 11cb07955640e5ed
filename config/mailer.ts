import nodemailer, { type Transporter } from 'nodemailer';
import { SMTP_CONNECTIONS_DEFAULT } from './smtpPool';

/** The SMTP transport of both processes: the worker's reminders and the API's sign-in links. */
export function createMailer(opts: { host: string; port: number; user?: string; password?: string; pooled?: boolean; connections?: number }): Transporter {
  return nodemailer.createTransport({
    // The worker sends thousands at 09:00: kept-open connections instead of a connect, greeting and EHLO per
    // message. The API sends a sign-in link now and then: one connection per message.
    ...(opts.pooled ? { pool: true, maxConnections: opts.connections ?? SMTP_CONNECTIONS_DEFAULT } : {}),
    host: opts.host,
    port: opts.port,
    secure: opts.port === 465,
    auth: opts.user ? { user: opts.user, pass: opts.password ?? '' } : undefined,
    // Local catchers speak plain SMTP; a real relay on 587 upgrades with STARTTLS when it offers it.
    ignoreTLS: opts.host === 'localhost' || opts.host === '127.0.0.1',
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
