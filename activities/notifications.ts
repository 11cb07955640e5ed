import type { Transporter } from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/database';
import { ACK_LINK_IN_TEXT } from '../db/ackLinks';
import { reminderLateness, remindersDue, remindersFailed, remindersRetried, remindersSent, smtpErrorCode, smtpErrors } from '../metrics/deliveryMetrics';
import { type NotificationRequest, type NotificationResult, NotificationRequestSchema } from './notificationRequest';
import { catalogue, type Lang } from '../domain/messages/catalogue';
import { fmtWhen } from '../domain/messages/dateWords';
import { DELIVERY_ALERTS } from '../metrics/alertThresholds';

/**
 * A message that failed before and goes out past the undelivered alert's threshold (an SMTP outage) says so:
 * the reader knows it is late and when it was due. A message of a late-recorded event that goes out at its
 * first attempt is not marked: nothing held it back.
 */
function lateMarking(lang: Lang, scheduledFor: string): { subject: (s: string) => string; line: string } | null {
  if (Date.now() - Date.parse(scheduledFor) <= DELIVERY_ALERTS.PlazoReminderUndelivered.seconds * 1000) return null;
  const w = catalogue(lang).status;
  return { subject: w.sentLateSubject, line: w.sentLateLine(fmtWhen(scheduledFor, lang, 'cli')) };
}

export interface NotificationDeps {
  db: Db;
  mailer: Transporter;
  from: string;
}

/**
 * Sends one email at most once per idempotency key. The ledger row is locked for the whole SMTP
 * exchange: a worker killed mid-send rolls the transaction back and the SMTP server never gets the
 * final DATA terminator, so the retry is the only delivery.
 */
export async function sendIdempotentEmail({ db, mailer, from }: NotificationDeps, input: NotificationRequest): Promise<NotificationResult> {
  const parsed = NotificationRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ApplicationFailure.nonRetryable(`notification ${issue.path.join('.')}: ${issue.message}`, 'InvalidNotification');
  }
  const req = parsed.data;
  const inserted = await db
    .insertInto('notifications')
    .values({
      idempotency_key: req.idempotencyKey,
      case_id: req.caseId ?? null,
      deadline_id: req.deadlineId ?? null,
      step: req.step ?? null,
      channel: 'email',
      recipient: req.recipient,
      language: req.language,
      subject: req.subject,
      // The one-click links' tokens are stored only hashed (db/ackLinks.ts): not in the ledger's copy either.
      body: req.body.replace(ACK_LINK_IN_TEXT, '/ack/[link]'),
      scheduled_for: req.scheduledFor ? new Date(req.scheduledFor) : null,
      last_error: null,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) remindersDue.inc({ channel: 'email' });

  let failure: Error | undefined;
  let retry = false;
  const result = await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('notifications')
      .select(['id', 'status'])
      .where('idempotency_key', '=', req.idempotencyKey)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (row.status === 'sent') return { notificationId: row.id, outcome: 'already_sent' as const };
    retry = row.status === 'failed';
    const late = retry && req.scheduledFor ? lateMarking(req.language, req.scheduledFor) : null;
    try {
      await mailer.sendMail({
        from,
        to: req.recipient,
        subject: late ? late.subject(req.subject) : req.subject,
        text: late ? `${late.line}\n\n${req.body}` : req.body,
        messageId: `<${encodeURIComponent(req.idempotencyKey)}@plazo>`,
        headers: {
          'X-Plazo-Idempotency-Key': req.idempotencyKey,
          ...(req.scheduledFor ? { 'X-Plazo-Scheduled-For': req.scheduledFor } : {}),
          ...(late ? { 'X-Plazo-Late': 'true' } : {}),
        },
      });
    } catch (err) {
      failure = err as Error;
      await tx
        .updateTable('notifications')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: failure!.message, status: 'failed' }))
        .where('id', '=', row.id)
        .execute();
      return undefined;
    }
    await tx
      .updateTable('notifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), status: 'sent', sent_at: new Date(), last_error: null }))
      .where('id', '=', row.id)
      .execute();
    return { notificationId: row.id, outcome: 'sent' as const };
  });
  // Counted once committed, as the ledger records it.
  if (retry) remindersRetried.inc({ channel: 'email' });
  // Thrown after the commit so the failed attempt stays in the ledger; Temporal retries with backoff.
  if (!result) {
    remindersFailed.inc({ channel: 'email' });
    smtpErrors.inc({ code: smtpErrorCode(failure) });
    throw failure;
  }
  if (result.outcome === 'sent') {
    remindersSent.inc({ channel: 'email' });
    if (req.scheduledFor) reminderLateness.observe({ channel: 'email' }, Math.max(0, (Date.now() - Date.parse(req.scheduledFor)) / 1000));
  }
  return result;
}

export function createNotificationActivities(deps: NotificationDeps) {
  return {
    async sendEmail(input: NotificationRequest): Promise<NotificationResult> {
      return sendIdempotentEmail(deps, input);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

/** An in-app notice (the supervisor's inbox): the channel that still works when email does not. */
export async function recordInAppNotice(
  db: Db,
  n: { idempotencyKey: string; caseId?: string; deadlineId?: string; step?: string; recipient: string; language: Lang; subject: string; body: string },
): Promise<void> {
  const inserted = await db
    .insertInto('notifications')
    .values({
      idempotency_key: n.idempotencyKey,
      case_id: n.caseId ?? null,
      deadline_id: n.deadlineId ?? null,
      step: n.step ?? null,
      channel: 'in_app',
      recipient: n.recipient,
      language: n.language,
      subject: n.subject,
      body: n.body,
      status: 'sent',
      attempts: 1,
      last_error: null,
      sent_at: new Date(),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
    remindersDue.inc({ channel: 'in_app' });
    remindersSent.inc({ channel: 'in_app' });
  }
}
