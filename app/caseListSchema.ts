/**
 * The question "Mis casos" asks: a search (case id or child's name), filters (phase, office, caseworker,
 * open/closed, overdue) and the keyset cursor of the page after. Empty form fields mean "any".
 */
import { z } from 'zod';
import { PHASES } from '../domain/case/events';
import { LANGS } from '../domain/messages/catalogue';
import { DeadlineCursorSchema } from './deadlineCursor';
import { existingInstant } from './existingInstant';

const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

export const CASE_LIST_STATUSES = ['open', 'closed', 'all'] as const;

/** Where the previous page stopped, in the list's order: danger rank, danger instant, case id. */
export interface CaseListCursor {
  rank: number;
  due: string;
  id: string;
}

const CURSOR = /^([0-3])~(infinity|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)~([A-Za-z0-9][A-Za-z0-9_-]{0,63})$/;

export const encodeCursor = (c: CaseListCursor) => `${c.rank}~${c.due}~${c.id}`;


export function decodeCursor(s: string): CaseListCursor | null {
  const m = CURSOR.exec(s);
  return m && existingInstant(m[2]!) ? { rank: Number(m[1]), due: m[2]!, id: m[3]! } : null;
}

/** The `after` parameter: a cursor this list wrote, or a 400 naming it (never a 500 from Postgres). */
export const CaseCursorSchema = z.string().max(120).transform((s, ctx) => decodeCursor(s) ?? (ctx.addIssue({ code: 'custom', message: 'is not a page of this list' }), z.NEVER));

export const CaseListQuerySchema = z.strictObject({
  q: optional(z.string().trim().max(100, { message: 'at most 100 characters' })),
  phase: optional(z.enum(PHASES)),
  office: optional(z.string().max(100)),
  caseworker: optional(z.string().max(100)),
  status: optional(z.enum(CASE_LIST_STATUSES)).transform((v) => v ?? 'open'),
  overdue: optional(z.enum(['1'])).transform((v) => v === '1'),
  after: optional(CaseCursorSchema),
  /** The page's language switch and its flash message. */
  lang: optional(z.enum(LANGS)),
  done: optional(z.string().max(40)),
});
export type CaseListQuery = z.output<typeof CaseListQuerySchema>;

/** The same filters as a query string (no cursor), for the next page's link and the language switch. */
export function caseListSearch(q: CaseListQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.phase) p.set('phase', q.phase);
  if (q.office) p.set('office', q.office);
  if (q.caseworker) p.set('caseworker', q.caseworker);
  if (q.status !== 'open') p.set('status', q.status);
  if (q.overdue) p.set('overdue', '1');
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The inbox's filters: the same search, phase, office and caseworker (it lists open cases' deadlines only). */
export const InboxQuerySchema = CaseListQuerySchema.pick({ q: true, phase: true, office: true, caseworker: true, lang: true, done: true }).extend({
  /** The inbox's next page: its deadlines come a page at a time, the most dangerous first. */
  after: optional(DeadlineCursorSchema),
});
export type InboxQuery = z.output<typeof InboxQuerySchema>;
