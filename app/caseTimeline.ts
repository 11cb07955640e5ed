/**
 * The case's timeline as a lawyer reads it: in the order things happened (not the order Plazo heard of
 * them), each row with when it was recorded, a deadline's opening placed at its trigger, every row about
 * a deadline naming it, and each deadline's run of states ("missed, then suspended"). Pure: the page,
 * the PDF and the tests all read it from here.
 */
import { DateTime } from 'luxon';
import { MX_ZONE } from '../domain';
import { CASE_EVENT_TYPES, type CaseEvent } from '../domain/case/events';
import { mexicoDayOf } from '../domain/time/instant';
import { legacyCorrection } from '../domain/messages/timelineText';
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
  /** A correction replaced or voided what this row records (the event, or what it met or suspended). */
  correction?: RowCorrection;
}

/** The latest correction of an event, as its rows show it. */
export interface RowCorrection {
  /** The correction's own timeline seq, and who made it. */
  seq: number;
  by: string;
  /** When the row said it happened, as first recorded: shown struck through. */
  wasAt: string;
  /** When it happened after the correction; absent when the event was voided, or the row is a count it replaced. */
  nowAt?: string;
  /** The event as corrected, when the correction was recorded as data. */
  event?: CaseEvent;
  /** `recounted`: a deadline's opening or miss counted before the correction recounted that deadline. */
  how: 'corrected' | 'voided' | 'recounted';
  /** For a recounted opening: the count after the correction (when it was recorded as data). */
  recount?: { due: string; dueLatest: string; trigger?: string };
}

const EVENT_TYPES = new Set<string>(CASE_EVENT_TYPES);
/** A deadline's resolution by the event just before it (met, extended, suspended, cancelled). */
const BY_EVENT = new Set(['deadline_met', 'deadline_extended', 'deadline_suspended', 'deadline_cancelled']);

/**
 * Each corrected event's rows by seq: the event's own, and the deadline rows it resolved when recorded
 * (named by the entry's data; for entries recorded as text, the run of them right after the event,
 * recorded at the same moment with the same date, as recordEvent.ts writes them).
 */
export function corrections(entries: TimelineEntryView[]): Map<number, RowCorrection> {
  const latest = new Map<number, { seq: number; by: string; nowAt?: string; event?: CaseEvent }>();
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    const d = e.detail;
    if (d?.kind === 'event_corrected') latest.set(d.eventSeq, { seq: e.seq, by: e.by, nowAt: d.now.occurredAt, event: d.now });
    else if (d?.kind === 'event_voided') latest.set(d.eventSeq, { seq: e.seq, by: e.by });
    else if (!d && (e.type === 'event_corrected' || e.type === 'event_voided')) {
      const c = legacyCorrection(e.summary);
      if (c) latest.set(c.eventSeq, { seq: e.seq, by: e.by, ...(c.now ? { nowAt: c.now } : {}) });
    }
  }
  const rows = new Map<number, RowCorrection>();
  let run: { eventSeq: number; at: string; recordedAt: string; last: number } | null = null;
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    let eventSeq: number | undefined;
    if (EVENT_TYPES.has(e.type)) {
      eventSeq = e.seq;
      run = { eventSeq: e.seq, at: e.at, recordedAt: e.recordedAt, last: e.seq };
    } else if (e.detail?.kind === 'deadline_resolved') eventSeq = e.detail.eventSeq;
    else if (!e.detail && BY_EVENT.has(e.type) && run && e.seq === run.last + 1 && e.at === run.at && e.recordedAt === run.recordedAt) {
      eventSeq = run.eventSeq;
      run.last = e.seq;
    }
    const c = eventSeq === undefined ? undefined : latest.get(eventSeq);
    if (c) rows.set(e.seq, { seq: c.seq, by: c.by, wasAt: e.at, how: c.nowAt ? 'corrected' : 'voided', ...(c.nowAt ? { nowAt: c.nowAt } : {}), ...(c.event && e.seq === eventSeq ? { event: c.event } : {}) });
  }
  recounted(entries, rows);
  return rows;
}

/**
 * A deadline a correction recounted (its 'deadline_moved' right after the correction): its opening and
 * its misses before that were of the count the correction replaced.
 */
function recounted(entries: TimelineEntryView[], rows: Map<number, RowCorrection>): void {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const moves: { seq: number; deadlineId: string; correction: { seq: number; by: string }; to?: { due: string; dueLatest: string }; trigger?: string }[] = [];
  let correction: { seq: number; by: string } | null = null;
  for (const e of sorted) {
    if (e.type === 'event_corrected' || e.type === 'event_voided') correction = { seq: e.seq, by: e.by };
    else if (e.type === 'deadline_moved' && e.deadlineId && correction) {
      const d = e.detail?.kind === 'deadline_moved' ? e.detail : undefined;
      if (d ? d.because === 'correction' : /after the correction$/.test(e.summary)) moves.push({ seq: e.seq, deadlineId: e.deadlineId, correction, ...(d ? { to: d.to, trigger: d.trigger } : {}) });
    }
  }
  for (const e of sorted) {
    if (rows.has(e.seq) || !e.deadlineId || (e.type !== 'deadline_opened' && e.type !== 'deadline_missed')) continue;
    const later = moves.filter((m) => m.deadlineId === e.deadlineId && m.seq > e.seq);
    if (later.length === 0) continue;
    const last = later.at(-1)!;
    const recount = e.type === 'deadline_opened' && last.to ? { ...last.to, ...(last.trigger ? { trigger: last.trigger } : {}) } : undefined;
    rows.set(e.seq, { seq: later[0]!.correction.seq, by: later[0]!.correction.by, wasAt: e.at, how: 'recounted', ...(recount ? { recount } : {}) });
  }
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
  const corrected = corrections(entries);
  const rows = entries.map((entry): TimelineRow => {
    const d = entry.deadlineId ? byId.get(entry.deadlineId) : undefined;
    const correction = corrected.get(entry.seq);
    // A corrected event happened when the correction says: its row, and what it met, move there.
    const happenedAt = entry.type === 'deadline_opened' && d ? d.trigger : (correction?.nowAt ?? entry.at);
    const happenedMs = epochOf(happenedAt);
    return {
      entry,
      happenedAt,
      happenedMs,
      recordedApart: recordedApart(happenedAt, happenedMs, entry.recordedAt),
      deadline: d ? { deadlineId: d.deadlineId, ruleId: d.ruleId, title: d.title, unit: d.unit, due: d.due, dueInstant: d.dueInstant } : null,
      ...(correction ? { correction } : {}),
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
  const corrected = corrections(entries);
  // A state a voided event brought is gone; one a corrected event brought moved with it.
  return entries
    .filter((e) => e.deadlineId === deadlineId && STATE_OF[e.type] !== undefined && !(corrected.has(e.seq) && !corrected.get(e.seq)!.nowAt))
    .map((e) => ({ at: corrected.get(e.seq)?.nowAt ?? e.at, status: STATE_OF[e.type]!, seq: e.seq }))
    .map((e) => ({ ...e, ms: epochOf(e.at) }))
    .sort((a, b) => a.ms - b.ms || a.seq - b.seq)
    // Counted missed only because the meeting event was recorded after the due: it was met on time, not missed.
    .filter((x, _i, all) => !(x.status === 'missed' && all.some((m) => m.status === 'met' && m.ms < x.ms)))
    .map(({ status, at }) => ({ status, at }));
}
