/**
 * The keyset cursor of the deadline lists (the inbox, /api/deadlines): where the previous page stopped, in
 * the list's order (danger rank, due instant to the microsecond, case id, deadline id). A cursor this
 * list did not write is a 400 naming the field, never a 500 from Postgres.
 */
import { z } from 'zod';
import { existingInstant } from './existingInstant';

export interface DeadlineCursor {
  rank: number;
  due: string;
  caseId: string;
  deadlineId: string;
}

const CURSOR = /^([0-2])~(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)~([A-Za-z0-9][A-Za-z0-9_-]{0,63})~([A-Za-z0-9][A-Za-z0-9_.:-]{0,127})$/;

export const encodeDeadlineCursor = (c: DeadlineCursor) => `${c.rank}~${c.due}~${c.caseId}~${c.deadlineId}`;

export function decodeDeadlineCursor(s: string): DeadlineCursor | null {
  const m = CURSOR.exec(s);
  return m && existingInstant(m[2]!) ? { rank: Number(m[1]), due: m[2]!, caseId: m[3]!, deadlineId: m[4]! } : null;
}

export const DeadlineCursorSchema = z
  .string()
  .max(250)
  .transform((s, ctx) => decodeDeadlineCursor(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a page of this list' }), z.NEVER));

/** Deadlines per page: the inbox shows the default; /api/deadlines takes `limit` up to the max. */
export const DEADLINES_PAGE_LIMIT = { default: 100, max: 500 } as const;
