/**
 * The agenda's question: which period (a day, a Monday-to-Sunday week, the next 7 days, or 14 days from a day: what
 * the offline app keeps, in Mexico City's calendar) and which deadlines (status, law or program target, rule, office,
 * caseworker, only the cases the person is assigned to). Empty form fields mean "any".
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { MX_ZONE, RULE_PACK } from '../domain';
import { LocalDateSchema } from '../domain/validation';
import { todayInMexico } from '../domain/time/instant';
import { nextDaysWindow } from '../db/queries/deadlineWindows';
import { LANGS } from '../domain/messages/catalogue';
import { DeadlineCursorSchema } from './deadlineCursor';

const RULE_IDS = RULE_PACK.rules.map((r) => r.id);
/** A GET form sends every field, empty ones as '': those are left out. */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

export const AGENDA_STATUSES = ['live', 'overdue', 'met', 'all'] as const;
export const AGENDA_KINDS = ['law', 'program_target'] as const;
export const AGENDA_VIEWS = ['day', 'week', 'fortnight'] as const;
/** The days of a fortnight view: the offline app keeps the next 14 days' agenda (client/web/pwa). */
export const FORTNIGHT_DAYS = 14;

export const AgendaQuerySchema = z.strictObject({
  view: optional(z.enum(AGENDA_VIEWS)).transform((v) => v ?? 'week'),
  from: optional(LocalDateSchema),
  status: optional(z.enum(AGENDA_STATUSES)).transform((v) => v ?? 'live'),
  kind: optional(z.enum(AGENDA_KINDS)),
  rule: optional(z.string().refine((r) => RULE_IDS.includes(r), { message: `must be one of the rule pack's rules (${RULE_IDS.join(', ')})` })),
  office: optional(z.string().max(100)),
  caseworker: optional(z.string().max(100)),
  /** '1': only the cases the person is named on (caseworker, supervisor or lawyer), what a device keeps offline. */
  mine: optional(z.enum(['1'])),
  /** The period's next page (its deadlines come AGENDA_PAGE_SIZE at a time, in time order). */
  after: optional(DeadlineCursorSchema),
  /** The page's language switch. */
  lang: optional(z.enum(LANGS)),
  done: optional(z.string().max(40)),
});
export type AgendaQuery = z.output<typeof AgendaQuerySchema>;

/** Deadlines on one page of the agenda: a registry's week (thousands at 50,000 cases) comes in pages. */
export const AGENDA_PAGE_SIZE = 200;

export interface AgendaRange {
  from: string;
  to: string;
  /** The default week: the next 7 days rather than a calendar week. */
  nextDays: boolean;
  /** The same view one period earlier and later. */
  previous: string;
  next: string;
}

/**
 * A day; the Monday-to-Sunday week holding `from`; or, without `from`, the next 7 days (today to the day
 * 7 days ahead, deadlineWindows.ts): the default page never ends hours away on a Sunday. A fortnight is
 * 14 days from `from` (today without it).
 */
export function agendaRange(view: AgendaQuery['view'], from: string | undefined, now: Date): AgendaRange {
  const base = DateTime.fromISO(from ?? todayInMexico(now), { zone: MX_ZONE });
  const next = view === 'week' && !from;
  const start = view === 'week' && !next ? base.startOf('week') : base; // luxon's weeks start on Monday (ISO)
  const days = view === 'week' ? 7 : view === 'fortnight' ? FORTNIGHT_DAYS : 1;
  const to = next ? DateTime.fromJSDate(nextDaysWindow(now).to, { zone: MX_ZONE }) : start.plus({ days: days - 1 });
  return {
    from: start.toISODate()!,
    to: to.toISODate()!,
    nextDays: next,
    previous: start.minus({ days }).toISODate()!,
    next: (next ? to : start).plus({ days: next ? 1 : days }).toISODate()!,
  };
}

/** Every date of the range, in order. */
export function datesOf(range: AgendaRange): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(range.from); d.toISODate()! <= range.to; d = d.plus({ days: 1 })) out.push(d.toISODate()!);
  return out;
}

/** The Mexico City date a deadline falls on: its due date, or the local date of an hour-counted instant. */
export const agendaDateOf = (d: { unit: string; due: string; dueInstant: string }) =>
  d.unit === 'hours' ? DateTime.fromISO(d.dueInstant, { zone: MX_ZONE }).toISODate()! : d.due.slice(0, 10);
