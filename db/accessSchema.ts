import type { ColumnType, Generated } from 'kysely';

/** Tables of migrations 0004 and 0005: API and calendar tokens (hashes), teams, the audit log. */
export interface AccessTables {
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
  /** The API token that asked for this feed (migration 0006): the feed works only while that token does. */
  api_token_id: string;
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
