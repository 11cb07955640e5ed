import type { Transporter } from 'nodemailer';
import { sql } from 'kysely';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/database';
import { ACK_LINK_IN_TEXT } from '../db/ackLinks';
import { reminderLateness, remindersDue, remindersFailed, remindersRetried, remindersSent, smtpErrorCode, smtpErrors } from '../metrics/deliveryMetrics';
import { type NotificationRequest, type NotificationResult, NotificationRequestSchema } from './notificationRequest';
import { catalogue, type Lang } from '../domain/messages/catalogue';
import { fmtWhen } from '../domain/messages/dateWords';
import { DELIVERY_ALERTS } from '../metrics/alertThresholds';
import { IDEMPOTENCY_HEADER, idempotencyHeader } from './idempotencyHeader';

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
export async function sendIdempotentEmail(deps: NotificationDeps, input: NotificationRequest): Promise<NotificationResult> {
  return (await sendIdempotentEmails(deps, [input], () => input))[0]!;
}

/**
 * Several messages to one recipient as one email (the steps of a case due at the same instant), each
 * still at most once under its own key: every row is locked for the SMTP exchange, and the email says
 * only what is still unsent (`compose` is given those requests; with several, their own subject and body
 * are not used). All sent together, or all failed together.
 */
export async function sendIdempotentEmails(
  { db, mailer, from }: NotificationDeps,
  inputs: NotificationRequest[],
  compose: (unsent: NotificationRequest[]) => { subject: string; body: string },
): Promise<NotificationResult[]> {
  const reqs = inputs.map(parsedRequest);
  const recipient = reqs[0]!.recipient;
  if (reqs.some((r) => r.recipient !== recipient)) throw ApplicationFailure.nonRetryable('notification recipient: one email goes to one recipient', 'InvalidNotification');
  const keys = reqs.map((r) => r.idempotencyKey);
  // The ledger keeps what the person reads: with several, the one email's words in each row.
  const whole = reqs.length === 1 ? reqs[0]! : compose(reqs);
  const inserted = await db
    .insertInto('notifications')
    .values(reqs.map((r) => ledgerRow({ ...r, subject: whole.subject, body: whole.body })))
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  const fresh = Number(inserted.numInsertedOrUpdatedRows ?? 0);
  if (fresh > 0) remindersDue.inc({ channel: 'email' }, fresh);

  let failure: Error | undefined;
  let failedRows = 0;
  let retried = 0;
  let sent: NotificationRequest[] = [];
  const outcome = await db.transaction().execute(async (tx) => {
    // Locked in one order, so two attempts of the same messages cannot deadlock.
    const rows = await tx.selectFrom('notifications').select(['id', 'status', 'idempotency_key']).where('idempotency_key', 'in', keys).orderBy('id').forUpdate().execute();
    const byKey = new Map(rows.map((r) => [r.idempotency_key, r]));
    const unsent = reqs.filter((r) => byKey.get(r.idempotencyKey)!.status !== 'sent');
    const ids = unsent.map((r) => byKey.get(r.idempotencyKey)!.id);
    const done = () => new Map(reqs.map((r) => [r.idempotencyKey, { notificationId: byKey.get(r.idempotencyKey)!.id, outcome: unsent.includes(r) ? ('sent' as const) : ('already_sent' as const) }]));
    if (unsent.length === 0) return done();
    retried = unsent.filter((r) => byKey.get(r.idempotencyKey)!.status === 'failed').length;
    const message = unsent.length === reqs.length ? whole : compose(unsent);
    const scheduledFor = unsent.map((r) => r.scheduledFor).filter((x): x is string => !!x).sort()[0];
    const late = retried > 0 && scheduledFor ? lateMarking(reqs[0]!.language, scheduledFor) : null;
    const unsentKeys = unsent.map((r) => r.idempotencyKey);
    // Marked sent before the relay is asked (a refusal rolls back to the savepoint): once the relay has accepted,
    // only the COMMIT is left. A worker killed in that instant leaves the rows unsent and the retry sends the
    // email again (same Message-ID, same keys); marking them after the relay's answer made that window one round
    // trip longer.
    const words = message === whole ? {} : { subject: message.subject, body: ledgerBody(message.body) };
    await sql`savepoint before_send`.execute(tx);
    await tx
      .updateTable('notifications')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), status: 'sent', sent_at: new Date(), last_error: null, ...words }))
      .where('id', 'in', ids)
      .execute();
    try {
      await mailer.sendMail({
        from,
        to: recipient,
        subject: late ? late.subject(message.subject) : message.subject,
        text: late ? `${late.line}\n\n${message.body}` : message.body,
        messageId: `<${encodeURIComponent(idempotencyHeader(unsentKeys))}@plazo>`,
        headers: {
          [IDEMPOTENCY_HEADER]: idempotencyHeader(unsentKeys),
          ...(scheduledFor ? { 'X-Plazo-Scheduled-For': scheduledFor } : {}),
          ...(late ? { 'X-Plazo-Late': 'true' } : {}),
        },
      });
    } catch (err) {
      failure = err as Error;
      failedRows = ids.length;
      await sql`rollback to savepoint before_send`.execute(tx);
      await tx
        .updateTable('notifications')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: failure!.message, status: 'failed' }))
        .where('id', 'in', ids)
        .execute();
      return undefined;
    }
    sent = unsent;
    return done();
  });
  // Counted once committed, as the ledger records it.
  if (retried > 0) remindersRetried.inc({ channel: 'email' }, retried);
  // Thrown after the commit so the failed attempt stays in the ledger; Temporal retries with backoff.
  if (!outcome) {
    remindersFailed.inc({ channel: 'email' }, failedRows);
    smtpErrors.inc({ code: smtpErrorCode(failure) });
    throw failure;
  }
  for (const r of sent) {
    remindersSent.inc({ channel: 'email' });
    if (r.scheduledFor) reminderLateness.observe({ channel: 'email' }, Math.max(0, (Date.now() - Date.parse(r.scheduledFor)) / 1000));
  }
  return keys.map((k) => outcome.get(k)!);
}

function parsedRequest(input: NotificationRequest): NotificationRequest {
  const parsed = NotificationRequestSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw ApplicationFailure.nonRetryable(`notification ${issue.path.join('.')}: ${issue.message}`, 'InvalidNotification');
  }
  return parsed.data;
}

// The one-click links' tokens are stored only hashed (db/ackLinks.ts): not in the ledger's copy either.
const ledgerBody = (body: string) => body.replace(ACK_LINK_IN_TEXT, '/ack/[link]');

function ledgerRow(req: NotificationRequest) {
  return {
    idempotency_key: req.idempotencyKey,
    case_id: req.caseId ?? null,
    deadline_id: req.deadlineId ?? null,
    step: req.step ?? null,
    channel: 'email' as const,
    recipient: req.recipient,
    language: req.language,
    subject: req.subject,
    body: ledgerBody(req.body),
    scheduled_for: req.scheduledFor ? new Date(req.scheduledFor) : null,
    last_error: null,
    sent_at: null,
  };
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
