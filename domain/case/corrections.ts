/**
 * Correcting or voiding a recorded event. The case is rebuilt from its intake and the corrected list of
 * events (replay.ts: the same sequence that opens a case, each event planned, computed and applied), then
 * merged into the case as it is: every deadline that depends on the event is recounted and its ladder
 * rescheduled, deadlines it no longer opens are cancelled, and the timeline keeps the original entries,
 * the messages already sent and the correction with its reason.
 */
import { dueText, draftOf, isoOf, note } from './draft';
import type { CaseEvent, Correction } from './events';
import { describe } from './recordEvent';
import type { CaseState, DeadlineState } from './state';
import type { TimelineDetail } from './timelineDetail';
import { isLive } from './upcoming';

export function rejectCorrection(s: CaseState, c: Correction): string | null {
  if (!c || typeof c.by !== 'string' || !c.by.trim()) return 'by: required';
  if (typeof c.reason !== 'string' || c.reason.trim().length < 3) return 'reason: say why (at least 3 characters)';
  if (s.closed) return `eventSeq: the case is closed (${s.closed.reason}); reopen is not supported`;
  if (!s.events) return 'eventSeq: this case was recorded before corrections existed; its events cannot be rebuilt';
  const original = s.events.find((x) => x.seq === c.eventSeq);
  if (!original) return `eventSeq: no event in force recorded as #${c.eventSeq} on this case`;
  if (c.action === 'correct') {
    if (!c.event) return 'event: give the event as it should have been recorded';
    if (c.event.type !== original.event.type) return `event.type: a correction keeps the type (${original.event.type}); void it and record the right one instead`;
  } else if (c.event) return 'event: a void takes no event';
  return null;
}

/** The events the case is rebuilt from: the corrected one in its place, a voided one left out. */
export function correctedEvents(s: CaseState, c: Correction): { seq: number; event: CaseEvent }[] {
  return (s.events ?? []).flatMap((x) => (x.seq !== c.eventSeq ? [x] : c.action === 'void' ? [] : [{ seq: x.seq, event: c.event! }]));
}

/**
 * The case after the correction: phase, facts and deadlines from the rebuilt case; the timeline,
 * acknowledgements and steps already sent from the case as it was.
 */
export function mergeCorrection(old: CaseState, rebuilt: CaseState, c: Correction, now: number): CaseState {
  const next = draftOf(old);
  const original = old.events!.find((x) => x.seq === c.eventSeq)!.event;
  const verb = c.action === 'void' ? 'voided' : `corrected to ${describeWhen(c.event!)}`;
  const detail: TimelineDetail = c.action === 'void'
    ? { kind: 'event_voided', eventSeq: c.eventSeq, was: original, reason: c.reason }
    : { kind: 'event_corrected', eventSeq: c.eventSeq, was: original, now: c.event!, reason: c.reason };
  note(next, { at: isoOf(now), by: c.by, type: c.action === 'void' ? 'event_voided' : 'event_corrected', summary: `#${c.eventSeq} ${describeWhen(original)} ${verb}: ${c.reason}`, detail }, now);
  next.phase = rebuilt.phase;
  next.facts = rebuilt.facts;
  next.assignments = rebuilt.assignments;
  next.events = rebuilt.events;
  const deadlines: DeadlineState[] = [];
  for (const d of rebuilt.deadlines) {
    const was = old.deadlines.find((x) => x.deadlineId === d.deadlineId);
    if (was && was.dueInstant === d.dueInstant && was.dueLatestInstant === d.dueLatestInstant && was.status === d.status && was.trigger === d.trigger) {
      // Untouched: its ladder runs on; when the event meeting it happened may have been corrected.
      deadlines.push({ ...was, resolvedAt: d.resolvedAt, late: d.late, done: [...was.done], acks: was.acks.map((a) => ({ ...a })) });
      continue;
    }
    // Recounted: the new ladder from now on (the latest step already past goes out at once, as for a
    // late-recorded event); acknowledgements stay with the deadline.
    deadlines.push({ ...d, acks: was ? was.acks.map((a) => ({ ...a })) : [], openedAt: was?.openedAt ?? d.openedAt });
    const summary = was
      ? `${d.title}: ${was.status === d.status ? '' : `${was.status} → ${d.status}, `}due ${dueText(was)} → ${dueText(d)}, counted from ${d.trigger}, after the correction`
      : `${d.title}: due ${dueText(d)} (${d.citation}), counted from ${d.trigger}, opened by the correction`;
    const due = { due: d.due, dueLatest: d.dueLatest };
    const detail: TimelineDetail = was
      ? { kind: 'deadline_moved', because: 'correction', from: { due: was.due, dueLatest: was.dueLatest }, to: due, trigger: d.trigger, ...(was.status === d.status ? {} : { statusFrom: was.status, statusTo: d.status }) }
      : { kind: 'deadline_opened', ...due, citation: d.citation, trigger: d.trigger, byCorrection: true };
    note(next, { at: isoOf(now), by: c.by, type: was ? 'deadline_moved' : 'deadline_opened', deadlineId: d.deadlineId, summary, detail }, now);
  }
  for (const was of old.deadlines) {
    if (rebuilt.deadlines.some((d) => d.deadlineId === was.deadlineId)) continue;
    const live = isLive(was);
    deadlines.push({ ...was, done: [...was.done], acks: was.acks.map((a) => ({ ...a })), ...(live ? { status: 'cancelled' as const, resolvedAt: isoOf(now) } : {}) });
    if (live) note(next, { at: isoOf(now), by: c.by, type: 'deadline_cancelled', deadlineId: was.deadlineId, summary: `${was.title}: no longer applies after the correction`, detail: { kind: 'deadline_resolved', status: 'cancelled', byCorrection: true } }, now);
  }
  next.deadlines = deadlines;
  next.facts = { ...next.facts, signatureCount: Math.max(old.facts.signatureCount, rebuilt.facts.signatureCount) };
  if (rebuilt.closed) next.closed = rebuilt.closed;
  return next;
}

function describeWhen(e: CaseEvent): string {
  return `${describe(e)} (${e.occurredAt})`;
}
