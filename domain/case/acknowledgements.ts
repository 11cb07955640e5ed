/** "I'm on it": an acknowledgement stops the repeats of one step series of one deadline. */
import { draftOf, isoOf, note } from './draft';
import type { Acknowledge } from './events';
import type { CaseState } from './state';
import { isLive } from './upcoming';

/** Why this acknowledgement cannot be taken, as 'field: reason', or null. */
export function rejectAck(s: CaseState, a: Acknowledge): string | null {
  if (!a || typeof a.by !== 'string' || !a.by.trim()) return 'by: required';
  const d = s.deadlines.find((x) => x.deadlineId === a.deadlineId);
  if (!d) return `deadlineId: no deadline '${a.deadlineId}' on this case`;
  if (!isLive(d)) return `deadlineId: ${a.deadlineId} is ${d.status}; nothing to acknowledge`;
  if (!d.steps.some((st) => st.series === a.series)) return `series: ${a.deadlineId} has no ${a.series} steps`;
  if (d.acks.some((x) => x.series === a.series)) return `series: ${a.series} of ${a.deadlineId} is already acknowledged`;
  return null;
}

export function acknowledge(s: CaseState, a: Acknowledge, now: number): CaseState {
  const next = draftOf(s);
  const d = next.deadlines.find((x) => x.deadlineId === a.deadlineId)!;
  d.acks.push({ series: a.series, by: a.by, at: isoOf(now) });
  note(next, { at: isoOf(now), by: a.by, type: 'acknowledged', deadlineId: d.deadlineId, summary: `${d.title}: ${a.series} acknowledged ("I'm on it")` }, now);
  return next;
}
