import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The read model and audit record. The workflow decides what happens next; these tables say what happened. */
export interface Database {
  notifications: NotificationTable;
}

export type NotificationStatus = 'pending' | 'sent' | 'failed';
export type NotificationChannel = 'email' | 'in_app';

/** Ledger of every message: the idempotency key makes a retry, restart or replay a no-op. */
export interface NotificationTable {
  id: Generated<string>;
  idempotency_key: string;
  case_id: string | null;
  deadline_id: string | null;
  step: string | null;
  channel: NotificationChannel;
  recipient: string;
  language: 'es' | 'en';
  subject: string;
  body: string;
  status: Generated<NotificationStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: Date | null;
}
export type Notification = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;
