/**
 * Recording an event, in two halves: the plan (what it does to the deadlines, worked out once, and so
 * which deadlines must be computed first), and the change itself, which takes the plan and those computed
 * deadlines and cannot fail half-way. The workflow runs the activity between the two; if it fails, the
 * case was never touched.
 */
import { assertAnswers, openInto } from './deadlineOpening';
import { draftOf, note } from './draft';
import type { CaseEvent } from './events';
import type { CaseState, ComputedDeadline, Placement, TimelineEntry } from './state';
import type { DetailOf } from './timelineDetail';
import { deadlineEffects, endsCustody, internalEvents, nextPhase, ruleOf, whenToMs, type DeadlineEffects, type MexicoTime, type OpenRequest } from './transitions';
import { metLate } from './metOnTime';

type DeadlineStatusBy = DetailOf<'deadline_resolved'>['status'];
import { isLive } from './upcoming';

/** The event and what it does to the deadlines; `effects.open` is computed before `applyEvent`. */
export interface EventPlan {
  event: CaseEvent;
  effects: DeadlineEffects;
}

/** `time`: how days are read on Mexico City's clock (the IANA zone unless the run was recorded before it). */
export function planEvent(s: CaseState, e: CaseEvent, time?: MexicoTime): EventPlan {
  const d = draftOf(s);
  noteDates(d, e);
  return { event: e, effects: deadlineEffects(d, e, time) };
}

/** The deadlines this event opens (the API's check of an intake asks only this). */
export function deadlinesToOpen(s: CaseState, e: CaseEvent, time?: MexicoTime): OpenRequest[] {
  return planEvent(s, e, time).effects.open;
}

/**
 * The case after the event. `computed` answers `plan.effects.open`; `receivedAt` is when the event
 * arrived (its timeline entry), `now` when the deadlines were computed (their entries). The plan may have
 * been made on the case a moment before (the clock sending steps meanwhile changes none of its effects).
 */
export function applyEvent(s: CaseState, plan: EventPlan, computed: ComputedDeadline[], at: { receivedAt: number; now: number; eventSeq?: number }): CaseState {
  const { event: e, effects: fx } = plan;
  assertAnswers(fx.open, computed);
  const d = draftOf(s);
  noteDates(d, e);
  if (endsCustody(d, e)) d.facts.detained = false;
  updateFacts(d, e);
  d.phase = nextPhase(d, e);
  const entry = note(d, { at: e.occurredAt, by: e.recordedBy, type: e.type, summary: describe(e), detail: { kind: 'event', event: e } }, at.receivedAt);
  // A rebuild after a correction keeps each event under the seq it was first recorded with.
  const eventSeq = at.eventSeq ?? entry.seq;
  d.events = [...(d.events ?? []), { seq: eventSeq, event: e }];

  const resolve = (ids: string[], status: DeadlineStatusBy, type: TimelineEntry['type'], verb: string) => {
    for (const id of ids) {
      const x = d.deadlines.find((y) => y.deadlineId === id)!;
      x.status = status;
      x.resolvedAt = e.occurredAt;
      // Late by when it happened, not by when it was recorded (a deadline missed meanwhile may have been met in time).
      if (metLate(x)) x.late = true;
      else delete x.late;
      note(d, { at: e.occurredAt, by: e.recordedBy, type, deadlineId: id, summary: `${x.title}: ${verb}${x.late ? ' (late)' : ''}`, detail: { kind: 'deadline_resolved', status, eventSeq, ...(x.late ? { late: true } : {}) } }, at.receivedAt);
    }
  };
  // Packs before mx-2027.2: ending the detention ends the unlawful holding the immediate-notice alarm is
  // about. From mx-2027.2 (the rule has a `breach`) an end without channelling is a breach instead (LM arts. 98, 112).
  const endsAlarm =
    e.type === 'detention_ended'
      ? d.deadlines.filter((x) => x.ruleId === 'child_detention_notice' && isLive(x) && !ruleOf(d, x.ruleId)?.breach).map((x) => x.deadlineId)
      : [];
  resolve([...fx.meet, ...endsAlarm], 'met', 'deadline_met', 'met');
  for (const id of fx.breach) {
    const x = d.deadlines.find((y) => y.deadlineId === id)!;
    x.status = 'missed';
    x.breachedAt = e.occurredAt;
    const to = ruleOf(d, x.ruleId)?.breach?.escalateTo.join(', ') ?? '';
    // Worded for the timeline's reader (domain/messages/timelineText.ts translates both).
    note(d, { at: e.occurredAt, by: e.recordedBy, type: 'deadline_missed', deadlineId: id, summary: `${x.title}: breached by ${e.type}` }, at.receivedAt);
    note(d, { at: e.occurredAt, by: 'system', type: 'escalated', deadlineId: id, summary: `${x.title}: escalated at once to ${to}` }, at.receivedAt);
  }
  if (e.type === 'breach_followed_up') followUpBreaches(d, e.followUp, e.occurredAt);
  resolve(fx.extend, 'extended', 'deadline_extended', 'extended');
  resolve(fx.suspend, 'suspended', 'deadline_suspended', 'suspended while the child is detained');
  resolve(fx.cancel, 'cancelled', 'deadline_cancelled', 'no longer applies');
  openInto(d, computed, e.recordedBy, at.now);
  if (e.type === 'case_closed') d.closed = { reason: e.reason, at: e.occurredAt };
  return d;
}

/**
 * What happened after a breach, once a person records it: each breached deadline still live stops its
 * alarm (every step left is passed over) and keeps `missed` with its `breachedAt`, the evidence; channelling
 * the child late still meets it, closing the case still ends it.
 */
function followUpBreaches(d: CaseState, followUp: string, at: string): void {
  for (const x of d.deadlines.filter((y) => isLive(y) && y.breachedAt && !y.followedUp)) {
    x.followedUp = { followUp, at };
    x.done = [...new Set([...x.done, ...x.steps.map((st) => st.id)])];
  }
}

/** Terms counted from an earlier event find its date here; this event's dates go in first. */
function noteDates(d: CaseState, e: CaseEvent): void {
  for (const ev of internalEvents(e)) d.facts.eventDates[ev] = e.occurredAt;
}

function updateFacts(s: CaseState, e: CaseEvent): void {
  switch (e.type) {
    case 'entered_mexico':
      s.facts.entryDate = e.occurredAt.slice(0, 10);
      break;
    case 'detention_started':
      s.facts.detained = true;
      break;
    case 'child_absent':
      s.facts.absent = true;
      break;
    case 'child_returned':
      s.facts.absent = false;
      break;
    case 'placement_changed':
      s.facts.placement = e.placement;
      s.facts.placements = addPlacement(s.facts.placements ?? [], { kind: e.kind, place: e.placement, from: e.occurredAt });
      break;
    case 'interview_scheduled':
      s.facts.interviewAt = e.interviewAt;
      break;
    case 'decision_notified':
      s.facts.decision = e.outcome;
      break;
    case 'assignment_changed':
      s.assignments = { ...s.assignments, [e.role]: e.userId };
      break;
    case 'child_record_updated':
      s.child = { ...s.child, ...recordChanges(e) };
      break;
    default:
      break;
  }
}

/** In the order they began, whatever the order they were recorded in (a late entry goes where it happened). */
function addPlacement(list: Placement[], p: Placement): Placement[] {
  return [...list, p].sort((a, b) => whenToMs(a.from) - whenToMs(b.from));
}

/** What a record update changes: the record's fields it gives. */
export function recordChanges(e: CaseEvent): Record<string, unknown> {
  const { type: _t, occurredAt: _o, recordedBy: _r, note: _n, ...changes } = e as Record<string, unknown>;
  return changes;
}

export function describe(e: CaseEvent): string {
  const extra =
    e.type === 'decision_notified' ? `: ${e.outcome}`
    : e.type === 'detention_started' ? ` at ${e.place}`
    : e.type === 'placement_changed' ? `: ${e.placement}`
    : e.type === 'assignment_changed' ? `: ${e.role} is now ${e.userId}`
    : e.type === 'case_closed' ? `: ${e.reason}`
    : e.type === 'interview_scheduled' ? ` for ${e.interviewAt}`
    : e.type === 'asylum_claim_filed' && e.byRepresentative ? ' by a representative'
    : e.type === 'child_returned_to_origin' ? `: ${e.exit}`
    : e.type === 'breach_followed_up' ? `: ${e.followUp}`
    : '';
  return `${e.type.replace(/_/g, ' ')}${extra}${e.note ? ` — ${e.note}` : ''}`;
}

