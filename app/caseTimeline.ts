/**
 * The case's timeline as a lawyer reads it: in the order things happened (not the order Plazo heard of
 * them), each row with when it was recorded, a deadline's opening placed at its trigger, every row about
 * a deadline naming it, and each deadline's run of states ("missed, then suspended"). Pure: the page,
 * the PDF and the tests all read it from here.
 */
import { DateTime } from 'luxon';
import { MX_ZONE } from '../domain';
import { mexicoDayOf } from '../domain/time/instant';
import type { DeadlineView, TimelineEntryView } from './schemas';

/** The deadline a row is about, as the reader needs it beside the row. */
export interface TimelineDeadline {
  deadlineId: string;
  ruleId: string;
  title: string;
  unit: string;
  due: string;
  dueInstant: string;
}

export interface TimelineRow {
  entry: TimelineEntryView;
  /** When it happened, as shown: an event's date or instant, a deadline's opening at its trigger. */
  happenedAt: string;
  /** Epoch ms of `happenedAt` (a date alone is the start of that day in Mexico City). */
  happenedMs: number;
  /** Recorded at another moment than it happened (a minute or more apart). */
  recordedApart: boolean;
  deadline: TimelineDeadline | null;
}

/** A date 'YYYY-MM-DD' is that day's start in Mexico City; an instant without offset is Mexico City time. */
export function epochOf(value: string): number {
  const dt = DateTime.fromISO(value, { zone: MX_ZONE });
  return dt.isValid ? dt.toMillis() : Number.NaN;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function recordedApart(happenedAt: string, happenedMs: number, recordedAt: string): boolean {
  const recordedMs = epochOf(recordedAt);
  // A date alone was recorded apart unless it was recorded on that same Mexico City day.
  if (DATE_ONLY.test(happenedAt)) return mexicoDayOf(recordedMs) !== happenedAt;
  return Math.abs(recordedMs - happenedMs) >= 60_000;
}

/**
 * The timeline by when things happened, then in the order recorded. The workflow notes a deadline's
 * opening when it counts it; the row is placed at the trigger the deadline counts from.
 */
export function caseTimeline(entries: TimelineEntryView[], deadlines: Pick<DeadlineView, keyof TimelineDeadline | 'trigger'>[]): TimelineRow[] {
  const byId = new Map(deadlines.map((d) => [d.deadlineId, d]));
  const rows = entries.map((entry): TimelineRow => {
    const d = entry.deadlineId ? byId.get(entry.deadlineId) : undefined;
    const happenedAt = entry.type === 'deadline_opened' && d ? d.trigger : entry.at;
    const happenedMs = epochOf(happenedAt);
    return {
      entry,
      happenedAt,
      happenedMs,
      recordedApart: recordedApart(happenedAt, happenedMs, entry.recordedAt),
      deadline: d ? { deadlineId: d.deadlineId, ruleId: d.ruleId, title: d.title, unit: d.unit, due: d.due, dueInstant: d.dueInstant } : null,
    };
  });
  return rows.sort((a, b) => a.happenedMs - b.happenedMs || a.entry.seq - b.entry.seq);
}

const STATE_OF: Record<string, string> = {
  deadline_met: 'met',
  deadline_missed: 'missed',
  deadline_extended: 'extended',
  deadline_suspended: 'suspended',
  deadline_cancelled: 'cancelled',
};

export interface DeadlineStateChange {
  status: string;
  at: string;
}

/**
 * The states a deadline went through, in the order they happened: a weekly signature missed and then
 * suspended by a detention reads "missed on X, then suspended on Y", not "suspended" alone.
 */
export function deadlineStates(entries: TimelineEntryView[], deadlineId: string): DeadlineStateChange[] {
  return entries
    .filter((e) => e.deadlineId === deadlineId && STATE_OF[e.type] !== undefined)
    .map((e) => ({ status: STATE_OF[e.type]!, at: e.at, ms: epochOf(e.at), seq: e.seq }))
    .sort((a, b) => a.ms - b.ms || a.seq - b.seq)
    // Counted missed only because the meeting event was recorded after the due: it was met on time, not missed.
    .filter((x, _i, all) => !(x.status === 'missed' && all.some((m) => m.status === 'met' && m.ms < x.ms)))
    .map(({ status, at }) => ({ status, at }));
}
