import nodemailer, { type Transporter } from 'nodemailer';

/**
 * The worker's kept-open connections to the relay (SMTP_MAX_CONNECTIONS). At 09:00 each email holds one for its
 * dialogue (several round trips); with 4, the rush waited on them while a core stood idle (1,000 cases: p99
 * 55 s with 4, 42 s with 16; docs/performance.md, 7 Dec 2026 12:00). A relay that allows fewer lowers it.
 */
export const SMTP_CONNECTIONS_DEFAULT = 16;

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
