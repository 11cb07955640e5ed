import { z } from 'zod';
import { LANGS } from '../domain/messages/catalogue';
import { MESSAGE_BODY_MAX, MESSAGE_SUBJECT_MAX } from '../domain/messages/messageBounds';

/** A message to one recipient. The idempotency key (case, deadline, step, occurrence) makes resends no-ops. */
export const NotificationRequestSchema = z.object({
  idempotencyKey: z.string().min(1).max(300),
  caseId: z.string().min(1).max(100).optional(),
  deadlineId: z.string().min(1).max(200).optional(),
  step: z.string().min(1).max(100).optional(),
  recipient: z.string().email(),
  language: z.enum(LANGS),
  subject: z.string().min(1).max(MESSAGE_SUBJECT_MAX),
  body: z.string().min(1).max(MESSAGE_BODY_MAX),
  /** The instant the ladder placed this message at (ISO): lateness is measured against it. */
  scheduledFor: z.iso.datetime().optional(),
});
export type NotificationRequest = z.infer<typeof NotificationRequestSchema>;

export interface NotificationResult {
  notificationId: string;
  /** `already_sent` when a retry, restart or replay found the ledger row sent. */
  outcome: 'sent' | 'already_sent';
}
