/** Adding computed deadlines to a case: the last half of opening a case or recording an event. */
import type { LadderStep } from '../ladder/ladder';
import { dueText, isoOf, note } from './draft';
import type { CaseState, ComputedDeadline, DeadlineState } from './state';
import type { OpenRequest } from './transitions';

/** The requests and the activity's answer must match one for one, or the answer is for another case. */
export function assertAnswers(requests: OpenRequest[], computed: ComputedDeadline[]): void {
  const asked = requests.map((r) => r.deadlineId).join(',');
  const got = computed.map((c) => c.deadlineId).join(',');
  if (asked !== got) throw new Error(`computed deadlines [${got}] do not answer the requests [${asked}]`);
}

/** Adds the computed deadlines to a draft. Steps already past when a deadline is learnt of: only the latest goes out, at once. */
export function openInto(s: CaseState, computed: ComputedDeadline[], by: string, now: number): void {
  for (const c of computed) {
    const rule = s.rules.find((r) => r.id === c.ruleId);
    const d: DeadlineState = { ...c, title: rule?.title ?? c.ruleId, status: 'open', openedAt: isoOf(now), done: stepsPassed(c.steps, now, true), acks: [] };
    if (c.ruleId === 'weekly_signature') s.facts.signatureCount += 1;
    s.deadlines.push(d);
    note(s, { at: isoOf(now), by, type: 'deadline_opened', deadlineId: d.deadlineId, summary: `${d.title}: due ${dueText(c)} (${c.citation}), counted from ${c.trigger}` }, now);
  }
}

/** Step ids to skip: those already past; with `catchUp`, all but the latest instant, which fires now. */
export function stepsPassed(steps: LadderStep[], now: number, catchUp: boolean): string[] {
  const past = steps.filter((st) => st.at <= now);
  if (!catchUp || past.length === 0) return past.map((st) => st.id);
  const latest = Math.max(...past.map((st) => st.at));
  return past.filter((st) => st.at < latest).map((st) => st.id);
}
