import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The read model and audit record. The workflow decides what happens next; these tables say what happened. */
export interface Database {
  notifications: NotificationTable;
  users: UserTable;
  overlays: OverlayTable;
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
  scheduled_for: Date | null;
}
export type Notification = Selectable<NotificationTable>;
export type NewNotification = Insertable<NotificationTable>;

export type UserRole = 'caseworker' | 'supervisor' | 'lawyer' | 'director' | 'admin';

export interface UserTable {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  language: 'es' | 'en';
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
}
export type User = Selectable<UserTable>;

export interface OverlayTable {
  id: string;
  /** An Overlay (domain/overlays.ts), validated before it is stored. */
  body: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
}
