import type { Transporter } from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../db/database';
import { type NotificationRequest, type NotificationResult, NotificationRequestSchema } from './notificationRequest';

export interface NotificationDeps {
  db: Db;
  mailer: Transporter;
  from: string;
}

export function createNotificationActivities({ db, mailer, from }: NotificationDeps) {
  return {
    /**
     * Sends one email at most once per idempotency key. The ledger row is locked for the whole SMTP
     * exchange: a worker killed mid-send rolls the transaction back and the SMTP server never gets the
     * final DATA terminator, so the retry is the only delivery.
     */
    async sendEmail(input: NotificationRequest): Promise<NotificationResult> {
      const parsed = NotificationRequestSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw ApplicationFailure.nonRetryable(`notification ${issue.path.join('.')}: ${issue.message}`, 'InvalidNotification');
      }
      const req = parsed.data;
      await db
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
          body: req.body,
          last_error: null,
          sent_at: null,
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();

      let failure: Error | undefined;
      const result = await db.transaction().execute(async (tx) => {
        const row = await tx
          .selectFrom('notifications')
          .select(['id', 'status'])
          .where('idempotency_key', '=', req.idempotencyKey)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (row.status === 'sent') return { notificationId: row.id, outcome: 'already_sent' as const };
        try {
          await mailer.sendMail({
            from,
            to: req.recipient,
            subject: req.subject,
            text: req.body,
            messageId: `<${encodeURIComponent(req.idempotencyKey)}@plazo>`,
            headers: { 'X-Plazo-Idempotency-Key': req.idempotencyKey },
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
      // Thrown after the commit so the failed attempt stays in the ledger; Temporal retries with backoff.
      if (!result) throw failure;
      return result;
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
