import { Counter, Histogram, Registry } from 'prom-client';

/**
 * The worker's own metrics, one registry per process: what happens to each message as the ledger sees it
 * (activities/notifications.ts). Labels are bounded sets (the channel, an SMTP error code), never a case,
 * a person or an address.
 */
export const workerRegistry = new Registry();

const byChannel = { labelNames: ['channel'] as const, registers: [workerRegistry] };

/** A message became due: its ledger row was written for the first time. */
export const remindersDue = new Counter({ name: 'plazo_reminders_due_total', help: 'Messages (reminders, alarms, digests) that became due, by channel.', ...byChannel });
export const remindersSent = new Counter({ name: 'plazo_reminders_sent_total', help: 'Messages delivered, by channel.', ...byChannel });
export const remindersFailed = new Counter({ name: 'plazo_reminders_failed_total', help: 'Delivery attempts that failed (each is retried), by channel.', ...byChannel });
/** An attempt at a message an earlier attempt failed to send. */
export const remindersRetried = new Counter({ name: 'plazo_reminders_retried_total', help: 'Delivery attempts after a failed one, by channel.', ...byChannel });
export const reminderLateness = new Histogram({
  name: 'plazo_reminder_lateness_seconds',
  help: 'From the instant a ladder step was due to its delivery, by channel.',
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600],
  ...byChannel,
});
export const smtpErrors = new Counter({
  name: 'plazo_smtp_errors_total',
  help: 'SMTP exchanges that failed, by error code (nodemailer code, e.g. ECONNECTION, EAUTH, EENVELOPE).',
  labelNames: ['code'] as const,
  registers: [workerRegistry],
});

/** nodemailer's codes are a short fixed list; anything else is 'other', so a label never carries free text. */
export function smtpErrorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]{2,15}$/.test(code) ? code : 'other';
}
