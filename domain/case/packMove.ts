/**
 * Moving an open case to another rule pack (issue 24). The case is rebuilt from its events under the new
 * pack (replay.ts: the same sequence and the same deadline computation as the case itself), and each live
 * deadline compared: Add, Update or Delete, with old and new dates and the pack's reason. A date that moves
 * earlier, or a new deadline, applies at once and is announced; a date that moves later, or a deadline the
 * pack stops counting, waits for a person's acceptance (whether a change reaches a pending case is a
 * legal decision). Pure: the dry run (app/) and the case's Update (workflows/caseUpdates.ts) both use it.
 */
import type { PackReasons } from '../rules/packChangelog';
import { openInto } from './deadlineOpening';
import { draftOf, dueText, isoOf, note } from './draft';
import type { CaseEvent, CaseIntake, PackDecision, PackMove } from './events';
import { EVENT_TYPE_NAMES } from './eventTypes';
import { recountInto } from './recount';
import { replay, type ReplaySteps } from './replay';
import type { CaseState, ComputedDeadline, DeadlineState, RuleSummary } from './state';
import { isLive } from './upcoming';

export type { PackDecision, PackMove };

export interface DueDates {
  due: string;
  dueLatest: string;
  dueInstant: string;
  dueLatestInstant: string;
  rulePack: string;
}

/** One deadline's change, as a dry run lists it and the move applies it. */
export interface PackChange {
  deadlineId: string;
  ruleId: string;
  title: string;
  action: 'add' | 'update' | 'delete';
  before?: DueDates;
  after?: DueDates;
  /** A later date, or a deadline no longer counted: waits for a person. */
  needsAcceptance: boolean;
  /** Already waiting for a person (an earlier application): the move leaves it as it is. */
  pending?: boolean;
  reason: string;
}

const datesOf = (d: ComputedDeadline): DueDates => ({ due: d.due, dueLatest: d.dueLatest, dueInstant: d.dueInstant, dueLatestInstant: d.dueLatestInstant, rulePack: d.rulePack });
const sameDates = (a: ComputedDeadline, b: ComputedDeadline) => a.dueInstant === b.dueInstant && a.dueLatestInstant === b.dueLatestInstant;
/** `due` is what the case acts on; `dueLatest` decides only when `due` stays. */
const isLater = (before: ComputedDeadline, after: ComputedDeadline) => {
  const d = Date.parse(after.dueInstant) - Date.parse(before.dueInstant);
  return d > 0 || (d === 0 && Date.parse(after.dueLatestInstant) > Date.parse(before.dueLatestInstant));
};

/** The computation of a deadline, without the case's bookkeeping (status, ladder sent, acknowledgements). */
export function computedOf(d: DeadlineState): ComputedDeadline {
  const { title: _t, status: _s, openedAt: _o, resolvedAt: _r, late: _l, done: _d, notSent: _n, acks: _a, pendingPack: _p, refusedPacks: _f, ...computed } = d;
  return computed;
}

/**
 * The events the case is counted from: none yet on a case that never recorded one; undefined when the case
 * was recorded before corrections kept its events (its timeline has events the state does not hold).
 */
export function eventsOf(s: CaseState): { seq: number; event: CaseEvent }[] | undefined {
  return s.events ?? (s.timeline.some((t) => EVENT_TYPE_NAMES.includes(t.type)) ? undefined : []);
}

export function rejectPackMove(s: CaseState, m: PackMove): string | null {
  if (!m || typeof m.by !== 'string' || !m.by.trim()) return 'by: required';
  if (typeof m.to !== 'string' || !m.to) return 'to: required';
  if (s.closed) return `to: the case is closed (${s.closed.reason})`;
  if (!eventsOf(s)) return 'to: this case was recorded before corrections existed; its events cannot be counted again';
  return null;
}

/** The case as the pack `rulePack` would have counted it from the start: the same intake and events. */
export function rebuildUnderPack(intake: CaseIntake, s: CaseState, pack: { rulePack: string; rules: RuleSummary[] }, steps: ReplaySteps): Promise<CaseState> {
  const events = (eventsOf(s) ?? []).map((x) => ({ seq: x.seq, event: x.event }));
  return replay(intake, { ...pack, inPlazoSince: s.inPlazoSince }, events, steps);
}

/** The intake a state was opened with, as far as counting goes (the dry run has the state, not the workflow's input). */
export function intakeOf(s: CaseState): CaseIntake {
  const opened = s.timeline.find((t) => t.type === 'case_opened');
  return {
    caseId: s.caseId,
    child: s.child,
    ...(s.office ? { office: s.office } : {}),
    ...(s.organization ? { organization: s.organization } : {}),
    assignments: s.assignments,
    openedAt: s.openedAt ?? opened?.at ?? isoOf(0),
    recordedBy: opened?.by ?? 'system',
  };
}

/** Every change the rebuilt case makes to the live deadlines of `s`. */
export function packChanges(s: CaseState, rebuilt: CaseState, reasons: PackReasons): PackChange[] {
  const to = rebuilt.rulePack;
  const why = (ruleId: string) => reasons.byRule[ruleId] ?? reasons.packWide;
  const changes: PackChange[] = [];
  for (const d of s.deadlines.filter(isLive)) {
    if (d.refusedPacks?.includes(to)) continue;
    const r = rebuilt.deadlines.find((x) => x.deadlineId === d.deadlineId);
    const base = { deadlineId: d.deadlineId, ruleId: d.ruleId, title: d.title, before: datesOf(d) };
    if (!r || !isLive(r)) {
      const status = r ? ` (under ${to} it is ${r.status})` : '';
      changes.push({ ...base, action: 'delete', needsAcceptance: true, pending: d.pendingPack?.rulePack === to && d.pendingPack.action === 'delete', reason: `${why(d.ruleId)}${status}` });
    } else if (!sameDates(d, r)) {
      const pending = d.pendingPack?.rulePack === to && !!d.pendingPack.after && sameDates(d.pendingPack.after, r);
      changes.push({ ...base, action: 'update', after: datesOf(r), needsAcceptance: isLater(d, r), pending, reason: why(d.ruleId) });
    }
  }
  for (const r of rebuilt.deadlines.filter(isLive)) {
    if (s.deadlines.some((d) => d.deadlineId === r.deadlineId)) continue;
    changes.push({ deadlineId: r.deadlineId, ruleId: r.ruleId, title: r.title, action: 'add', after: datesOf(r), needsAcceptance: false, reason: why(r.ruleId) });
  }
  return changes;
}

/**
 * The case on the new pack: earlier dates and new deadlines applied (returned in `announce`, to tell the
 * case's people), later ones and drops held for a person. A second application finds nothing to do and
 * returns the case as it was (the same object).
 */
export function moveToPack(s: CaseState, rebuilt: CaseState, changes: PackChange[], by: string, now: number): { state: CaseState; announce: PackChange[] } {
  const to = rebuilt.rulePack;
  const relabel = s.deadlines.filter((d) => isLive(d) && d.rulePack !== to && rebuilt.deadlines.some((r) => r.deadlineId === d.deadlineId && isLive(r) && sameDates(d, r)));
  const todo = changes.filter((c) => !c.pending);
  if (s.rulePack === to && todo.length === 0 && relabel.length === 0) return { state: s, announce: [] };
  const next = draftOf(s);
  const from = s.rulePack;
  next.rulePack = to;
  next.rules = rebuilt.rules;
  const rebuiltOf = (id: string) => computedOf(rebuilt.deadlines.find((r) => r.deadlineId === id)!);
  // Same dates: the deadline now names the new pack (its citation and explanation too); its ladder runs on.
  for (const d of relabel) Object.assign(next.deadlines.find((x) => x.deadlineId === d.deadlineId)!, { ...rebuiltOf(d.deadlineId), steps: d.steps, missAt: d.missAt });
  const announce: PackChange[] = [];
  for (const c of todo) {
    const d = next.deadlines.find((x) => x.deadlineId === c.deadlineId);
    if (c.action === 'add') {
      openInto(next, [rebuiltOf(c.deadlineId)], by, now);
      note(next, { at: isoOf(now), by, type: 'rules_recomputed', deadlineId: c.deadlineId, summary: `${c.title}: added by rule pack ${to}: ${c.reason}` }, now);
      announce.push(c);
    } else if (!c.needsAcceptance) {
      const before = dueText(d!);
      recountInto(d!, rebuiltOf(c.deadlineId), now);
      delete d!.pendingPack;
      note(next, { at: isoOf(now), by, type: 'deadline_moved', deadlineId: c.deadlineId, summary: `${c.title}: due ${before} → ${dueText(d!)} (earlier) under rule pack ${to}: ${c.reason}` }, now);
      announce.push(c);
    } else {
      d!.pendingPack = { rulePack: to, action: c.action as 'update' | 'delete', ...(c.action === 'update' ? { after: rebuiltOf(c.deadlineId) } : {}), reason: c.reason, proposedAt: isoOf(now), proposedBy: by };
      const what = c.action === 'delete' ? 'would no longer count it' : `would move it later: due ${dueText(c.before!)} → ${dueText(c.after!)}`;
      note(next, { at: isoOf(now), by, type: 'rules_recomputed', deadlineId: c.deadlineId, summary: `${c.title}: rule pack ${to} ${what}; pending acceptance, still counted under ${d!.rulePack}: ${c.reason}` }, now);
    }
  }
  const waiting = todo.filter((c) => c.needsAcceptance).length;
  const counts = `${todo.length - waiting} change(s) applied, ${waiting} pending acceptance`;
  note(next, { at: isoOf(now), by, type: 'rules_recomputed', summary: from === to ? `rule pack ${to} applied again: ${counts}` : `case moved from rule pack ${from} to ${to}: ${counts}` }, now);
  return { state: next, announce };
}

export function rejectPackDecision(s: CaseState, dec: PackDecision): string | null {
  if (!dec || typeof dec.by !== 'string' || !dec.by.trim()) return 'by: required';
  if (s.closed) return `deadlineId: the case is closed (${s.closed.reason})`;
  const d = s.deadlines.find((x) => x.deadlineId === dec.deadlineId);
  if (!d) return `deadlineId: no deadline '${dec.deadlineId}' on this case`;
  if (!d.pendingPack) return `deadlineId: no rule-pack change waits on ${dec.deadlineId}`;
  if (!dec.accept && (typeof dec.reason !== 'string' || dec.reason.trim().length < 3)) return 'reason: say why the change is refused (at least 3 characters)';
  return null;
}

/** A person accepts (the later date or the drop applies now) or refuses (the deadline keeps its pack and dates). */
export function decidePackChange(s: CaseState, dec: PackDecision, now: number): CaseState {
  const next = draftOf(s);
  const d = next.deadlines.find((x) => x.deadlineId === dec.deadlineId)!;
  const p = d.pendingPack!;
  delete d.pendingPack;
  const why = dec.reason ? `: ${dec.reason}` : '';
  if (!dec.accept) {
    d.refusedPacks = [...(d.refusedPacks ?? []), p.rulePack];
    note(next, { at: isoOf(now), by: dec.by, type: 'rules_recomputed', deadlineId: d.deadlineId, summary: `${d.title}: change of rule pack ${p.rulePack} refused${why}; still due ${dueText(d)} under ${d.rulePack}` }, now);
  } else if (p.action === 'delete') {
    d.status = 'cancelled';
    d.resolvedAt = isoOf(now);
    note(next, { at: isoOf(now), by: dec.by, type: 'deadline_cancelled', deadlineId: d.deadlineId, summary: `${d.title}: no longer counted under rule pack ${p.rulePack}, accepted${why} (${p.reason})` }, now);
  } else {
    const before = dueText(d);
    recountInto(d, p.after!, now);
    note(next, { at: isoOf(now), by: dec.by, type: 'deadline_moved', deadlineId: d.deadlineId, summary: `${d.title}: due ${before} → ${dueText(d)} (later) under rule pack ${p.rulePack}, accepted${why} (${p.reason})` }, now);
  }
  return next;
}
