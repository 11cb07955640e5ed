import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AccessTables } from './accessSchema';
import type { Lang } from '../domain/messages/catalogue';
import type { TimelineDetail } from '../domain/case/timelineDetail';

/** The read model and audit record. The workflow decides what happens next; these tables say what happened. */
export interface Database extends AccessTables {
  notifications: NotificationTable;
  import_runs: ImportRunTable;
  users: UserTable;
  overlays: OverlayTable;
  cases: CaseTable;
  case_deadlines: CaseDeadlineTable;
  case_timeline: CaseTimelineTable;
  idempotency_keys: IdempotencyKeyTable;
  ack_links: AckLinkTable;
  case_engine_incidents: CaseEngineIncidentTable;
  admin_list_entries: AdminListEntryTable;
  list_migration_report: ListMigrationReportTable;
  step_outbox: StepOutboxTable;
}

/** A case's pending ladder step, for the dispatcher across cases (migration 0026, workflows/stepDispatcher.ts). */
export interface StepOutboxTable {
  idempotency_base: string;
  case_id: string;
  step_at: Date;
  due_instant: Date | null;
  /** activities/deliveries.ts DeliveryInput, firedAt set when sent. */
  input: unknown;
  sent_at: Date | null;
  given_up_at: Date | null;
}

/** A case open in the read model whose workflow is not running as it should (migration 0016, domain/engine/caseEngineCheck.ts). */
export interface CaseEngineIncidentTable {
  id: Generated<string>;
  case_id: string;
  workflow_id: string;
  /** An EngineIncidentKind. */
  kind: string;
  /** Since when the workflow is stopped (its close time, a failing task's first schedule, the reset). */
  since: Date;
  detected_at: ColumnType<Date, Date | undefined, never>;
  /** When the admins and the supervisor were emailed (every message sent). */
  alarmed_at: ColumnType<Date | null, never, Date | null>;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A one-click "I'm on it" link (migration 0014): the hash of its token, and the one thing it may do. */
export interface AckLinkTable {
  token_hash: string;
  user_id: string;
  case_id: string;
  deadline_id: string;
  series: string;
  expires_at: Date;
  created_at: ColumnType<Date, never, never>;
  used_at: ColumnType<Date | null, never, Date | null>;
}

/** The first answer to a caller's Idempotency-Key (migration 0007). */
export interface IdempotencyKeyTable {
  user_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: ColumnType<Date, never, never>;
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
  language: Lang;
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
  language: Lang;
  active: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  /** IANA zone the person's emails write dates in (migration 0014). */
  time_zone: Generated<string>;
  /** Opted in to the daily 09:00 digest (migration 0014). */
  daily_digest: Generated<boolean>;
}
export type User = Selectable<UserTable>;

export interface OverlayTable {
  id: string;
  /** An Overlay (domain/overlays.ts), validated before it is stored. */
  body: ColumnType<unknown, string, string>;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
  /** Withdrawn: no longer counted (migration 0008). */
  withdrawn_at: ColumnType<Date | null, never, Date | null>;
  withdrawn_by: ColumnType<string | null, never, string | null>;
  withdraw_reason: ColumnType<string | null, never, string | null>;
  /** Earlier versions of the body, each with who replaced it, when and why. */
  corrections: ColumnType<unknown, never, string>;
}

/** An import run in the background (migration 0025): its progress, and its answer once done. */
export interface ImportRunTable {
  id: string;
  /** The import's id (app/import/importRuns.ts importRunOf): the same sheet and mapping, the same id. */
  import_run: string;
  file_name: string;
  user_id: string;
  /** running | done | failed; a running one whose heartbeat stopped is shown as interrupted. */
  status: string;
  total: ColumnType<number, number | undefined, number>;
  done: ColumnType<number, number | undefined, number>;
  opened: ColumnType<number, number | undefined, number>;
  resumed: ColumnType<number, number | undefined, number>;
  failed: ColumnType<number, number | undefined, number>;
  /** The ImportAnswer (app/import/importAnswer.ts) once done. */
  answer: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  started_at: ColumnType<Date, Date | undefined, never>;
  heartbeat_at: ColumnType<Date, Date | undefined, Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CaseTable {
  id: string;
  workflow_id: string;
  rule_pack: string;
  phase: string;
  child_name: string;
  child_birth_date: ColumnType<string | null, string | null, string | null>;
  nationality: string | null;
  office: string | null;
  file_number: string | null;
  caseworker_id: string;
  supervisor_id: string;
  lawyer_id: string;
  /** The import that opened the case (migration 0025); null for a case opened one by one. */
  import_run: ColumnType<string | null, string | null | undefined, string | null>;
  detained: boolean;
  opened_at: ColumnType<Date, string, string>;
  closed_at: ColumnType<Date | null, string | null, string | null>;
  close_reason: string | null;
  next_due_instant: ColumnType<Date | null, string | null, string | null>;
  /** The earliest live hour-counted deadline the NGO acts on (migrations 0013, 0018): such a case lists first. */
  alarm_due_instant: ColumnType<Date | null, string | null, string | null>;
  /** The earliest live deadline the NGO acts on, its own or a detention's (migration 0018). */
  duty_due_instant: ColumnType<Date | null, string | null | undefined, string | null>;
  /** The child's record a BID needs and the placement history (migration 0018). */
  child_sex: string | null;
  child_languages: string[] | null;
  interpreter_needed: boolean | null;
  accompaniment: string | null;
  family_tracing: string | null;
  age_disputed: ColumnType<boolean, boolean | undefined, boolean>;
  identified_place: string | null;
  identified_by: string | null;
  placements: ColumnType<unknown, string | undefined, string>;
  version: number;
  updated_at: ColumnType<Date, never, Date>;
}

export interface CaseDeadlineTable {
  case_id: string;
  deadline_id: string;
  rule_id: string;
  title: string;
  status: string;
  late: boolean;
  kind: string;
  unit: string;
  calendar: string;
  trigger: string;
  due: string;
  due_latest: string;
  due_instant: ColumnType<Date, string, string>;
  due_latest_instant: ColumnType<Date, string, string>;
  reason: string | null;
  citation: string;
  skipped: ColumnType<unknown, string, string>;
  overlays_applied: ColumnType<unknown, string, string>;
  next_step: ColumnType<unknown, string | null, string | null>;
  /** The whole reminder ladder (migration 0006); null in rows projected before it. */
  steps: ColumnType<unknown, string | null, string | null>;
  term: string | null;
  explanation: string | null;
  warnings: ColumnType<unknown, string | null, string | null>;
  /** A DueClose (domain/case/state.ts), migration 0018; null: 23:59:59 Mexico City. */
  filing: ColumnType<unknown, string | null, string | null>;
  acks: ColumnType<unknown, string | undefined, string>;
  /** The pack the deadline counts under (migration 0018); null in rows projected before (the case's pack). */
  rule_pack: ColumnType<string | null, string | null | undefined, string | null>;
  /** A rule-pack change waiting for a person's acceptance (domain/case/packMove.ts), or null. */
  pending_pack: ColumnType<unknown, string | null | undefined, string | null>;
  sequence: Generated<number>;
  updated_at: ColumnType<Date, never, Date>;
  /** Whose act it is, from the rule (migration 0018): 'ngo' or an authority (domain/rules/actors.ts). */
  actor: ColumnType<string, string | undefined, string>;
  /** The NGO acts on it: its own deadline or a child's detention; otherwise an authority's duty. */
  ngo_acts: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CaseTimelineTable {
  case_id: string;
  seq: number;
  at: string;
  recorded_at: ColumnType<Date, string, string>;
  by: string;
  type: string;
  summary: string;
  deadline_id: string | null;
  /** domain/case/timelineDetail.ts; null for entries recorded before (migration 0018). */
  detail: ColumnType<TimelineDetail | null, string | null | undefined, never>;
}

/** An entry of an admin-managed list (migration 0018, domain/lists/): offices, places. `data` holds the list's own fields. */
export interface AdminListEntryTable {
  list: string;
  id: string;
  name: string;
  aliases: ColumnType<unknown, string, string>;
  data: ColumnType<unknown, string, string>;
  active: boolean;
  updated_by: string | null;
  updated_at: ColumnType<Date, never, Date>;
}

/** Free text met by migration 0018 and the list entry it became (null: not matched, left as typed). */
export interface ListMigrationReportTable {
  id: Generated<string>;
  list: string;
  source: string;
  row_id: string;
  text: string;
  matched: string | null;
  migrated_at: ColumnType<Date, never, never>;
}
