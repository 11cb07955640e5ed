import nodemailer, { type Transporter } from 'nodemailer';

/** The SMTP transport of both processes: the worker's reminders and the API's sign-in links. */
export function createMailer(opts: { host: string; port: number; user?: string; password?: string }): Transporter {
  return nodemailer.createTransport({
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
