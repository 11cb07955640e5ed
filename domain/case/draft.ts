/**
 * The case model's working copy and its timeline. Every change to a case is made on a draft and handed
 * back whole, so a step that fails half-way leaves the caller's state exactly as it was.
 */
import type { CaseState, ComputedDeadline, TimelineEntry } from './state';

/** A copy of everything the model changes. Timeline entries are never changed once written: shared. */
export function draftOf(s: CaseState): CaseState {
  return {
    ...s,
    child: { ...s.child },
    assignments: { ...s.assignments },
    facts: { ...s.facts, eventDates: { ...s.facts.eventDates } },
    deadlines: s.deadlines.map((d) => ({ ...d, done: [...d.done], acks: d.acks.map((a) => ({ ...a })) })),
    timeline: [...s.timeline],
    ...(s.closed ? { closed: { ...s.closed } } : {}),
  };
}

/** ISO text of an epoch-ms instant (the caller's clock: the workflow's, in the workflow). */
export const isoOf = (ms: number): string => new Date(ms).toISOString();

/**
 * Appends a timeline entry to a draft; `recordedAt` is `now`. Its `detail` is kept only on runs that
 * record it (`timelineData`): a run recorded before keeps its entries as they were.
 */
export function note(s: CaseState, e: Omit<TimelineEntry, 'seq' | 'recordedAt'>, now: number): TimelineEntry {
  const { detail, ...rest } = e;
  const entry: TimelineEntry = { ...rest, ...(detail && s.timelineData ? { detail } : {}), seq: ++s.seq, recordedAt: isoOf(now) };
  s.timeline.push(entry);
  return entry;
}

export function dueText(c: Pick<ComputedDeadline, 'due' | 'dueLatest'>): string {
  return c.dueLatest !== c.due ? `${c.due} (latest plausible ${c.dueLatest})` : c.due;
}
