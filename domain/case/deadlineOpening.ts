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

/** How long after the last backdated entry the summary of what was not sent goes out: data entry settles first. */
export const IMPORT_SUMMARY_DELAY_MS = 10 * 60_000;
/**
 * A step due within this long before the case was in Plazo is not stale: the child detained minutes
 * before the case was typed in still gets the alarm at once (the latest such step, as for a late event).
 */
export const BEFORE_PLAZO_GRACE_MS = 60 * 60_000;

/**
 * Adds the computed deadlines to a draft. Steps whose moment passed before the case was in Plazo are
 * not sent (recorded as such; one summary per recipient later). Steps that passed since (an event
 * recorded late on a live case): only the latest goes out, at once.
 */
export function openInto(s: CaseState, computed: ComputedDeadline[], by: string, now: number): void {
  for (const c of computed) {
    const rule = s.rules.find((r) => r.id === c.ruleId);
    const since = s.inPlazoSince;
    const notSent = since === undefined ? [] : c.steps.filter((st) => st.at < since - BEFORE_PLAZO_GRACE_MS && st.at <= now).map((st) => st.id);
    const done = [...notSent, ...stepsPassed(c.steps.filter((st) => !notSent.includes(st.id)), now, true)];
    const d: DeadlineState = { ...c, title: rule?.title ?? c.ruleId, status: 'open', openedAt: isoOf(now), done, acks: [], ...(notSent.length ? { notSent } : {}) };
    if (c.ruleId === 'weekly_signature') s.facts.signatureCount += 1;
    s.deadlines.push(d);
    note(s, { at: isoOf(now), by, type: 'deadline_opened', deadlineId: d.deadlineId, summary: `${d.title}: due ${dueText(c)} (${c.citation}), counted from ${c.trigger}`, detail: { kind: 'deadline_opened', due: c.due, dueLatest: c.dueLatest, citation: c.citation, trigger: c.trigger } }, now);
    if (notSent.length) {
      note(s, { at: isoOf(now), by: 'system', type: 'notification_not_sent', deadlineId: d.deadlineId, summary: `${d.title}: not sent: before the case was in Plazo (${notSent.join(', ')})`, detail: { kind: 'not_sent', steps: notSent } }, now);
      if (!s.importSummary?.sent) s.importSummary = { at: now + IMPORT_SUMMARY_DELAY_MS, sent: false };
    }
  }
}

/** Step ids to skip: those already past; with `catchUp`, all but the latest instant, which fires now. */
export function stepsPassed(steps: LadderStep[], now: number, catchUp: boolean): string[] {
  const past = steps.filter((st) => st.at <= now);
  if (!catchUp || past.length === 0) return past.map((st) => st.id);
  const latest = Math.max(...past.map((st) => st.at));
  return past.filter((st) => st.at < latest).map((st) => st.id);
}
