import type { ColumnType, Generated } from 'kysely';

/** Tables of migrations 0004, 0005 and 0012: API and calendar tokens (hashes), web sessions, teams, the audit log. */
export interface AccessTables {
  web_sessions: WebSessionTable;
  sign_in_links: SignInLinkTable;
  api_tokens: ApiTokenTable;
  calendar_tokens: CalendarTokenTable;
  teams: TeamTable;
  team_members: TeamMemberTable;
  audit_log: AuditLogTable;
}

export interface ApiTokenTable {
  /** Public id (migration 0005): what an admin lists and revokes; never the hash. */
  id: Generated<string>;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  label: string;
  created_at: ColumnType<Date, never, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Who issued it (an admin's user id, or 'bootstrap'); null for tokens older than migration 0005. */
  created_by: string | null;
}

export interface CalendarTokenTable {
  token_hash: string;
  user_id: string;
  /**
   * The API token that asked for this feed (migration 0006): the feed works only while that token does.
   * Null (migration 0012): asked for from an email or OIDC session; the feed lives while its owner is active.
   */
  api_token_id: string | null;
  created_at: ColumnType<Date, never, never>;
  /** The token encrypted with the payload codec (migration 0006), so its owner can see the link again. */
  sealed_token: string | null;
}

export interface TeamTable {
  id: string;
  name: string;
  supervisor_id: string;
}

export interface TeamMemberTable {
  team_id: string;
  user_id: string;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: ColumnType<Date, never, never>;
  user_id: string | null;
  action: string;
  case_id: string | null;
  method: string;
  path: string;
  status: number;
  ip: string | null;
  detail: ColumnType<unknown, string | null, never>;
}

/** A signed-in device (migration 0012). The cookie holds the session secret; only its SHA-256 is here. */
export interface WebSessionTable {
  /** Public id (ses_…): what the person and admins list and revoke. */
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  method: 'email' | 'oidc' | 'token';
  /** Signed in by pasting an API token: the session ends when that token is revoked. */
  api_token_id: string | null;
  user_agent: string;
  ip: string | null;
  created_at: ColumnType<Date, never, never>;
  last_seen_at: ColumnType<Date, never, Date>;
  expires_at: Date;
  revoked_at: ColumnType<Date | null, never, Date | null>;
  /** Who ended it: the person, an admin's id, 'deactivated' or 'logout'. */
  revoked_by: ColumnType<string | null, never, string | null>;
}

/** An emailed sign-in link (migration 0012): single use, short-lived, stored as the SHA-256 of its secret. */
export interface SignInLinkTable {
  token_hash: string;
  user_id: string;
  /** Local path to open after signing in. */
  next: string;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
  used_at: ColumnType<Date | null, never, Date | null>;
}
