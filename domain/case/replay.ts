/**
 * A case replayed from its intake: the first state, the deadlines the child's birth date opens, then
 * each event as when it was recorded. Opening a case replays the intake's entry into Mexico; a correction
 * replays the corrected events and merges the result into the case (corrections.ts). One sequence for
 * both. The due dates come from the caller's `compute` (an activity, in the workflow): nothing here does I/O.
 */
import type { CaseEvent, CaseIntake } from './events';
import { birthRequests, entryEvent, newCase, openBirthDeadlines } from './opening';
import { eventFactError } from './factChecks';
import { applyEvent, planEvent } from './recordEvent';
import type { CaseState, ComputedDeadline, RuleSummary } from './state';
import { rejectEvent, type MexicoTime, type OpenRequest } from './transitions';

export interface ReplayedEvent {
  event: CaseEvent;
  /** The seq it was first recorded under (a rebuild keeps it); none when it is recorded now. */
  seq?: number;
  /** The input an error about its date names: the event's 'occurredAt' unless it came from the intake. */
  field?: string;
}

export interface ReplaySteps {
  /** Due dates and ladders for the requests; `field` names the input a date the calendars cannot count from came from. */
  compute(s: CaseState, requests: OpenRequest[], field: string): Promise<ComputedDeadline[]>;
  /** The caller's clock (the workflow's, in the workflow), read again after each computation. */
  now(): number;
  /** Throws: the event no longer stands on the case replayed so far. Without it, every event is taken as given (an intake's). */
  refuse?(e: ReplayedEvent, reason: string): never;
  /** How days are read on Mexico City's clock (the IANA zone unless the run was recorded before it). */
  time?: MexicoTime;
  /** Refuse, with `refuse`, events whose facts cannot be true (factChecks.ts). */
  checkFacts?: boolean;
}

export interface ReplayBase {
  rulePack: string;
  rules: RuleSummary[];
  /** Since when the case is in Plazo; absent for a run from before that was kept. */
  inPlazoSince?: number;
  /** Timeline entries carry their detail (CaseState.timelineData). */
  timelineData?: boolean;
}

export async function replay(intake: CaseIntake, base: ReplayBase, events: ReplayedEvent[], steps: ReplaySteps): Promise<CaseState> {
  let s = newCase(intake, base.rulePack, base.rules, steps.now(), { legacy: base.inPlazoSince === undefined, inPlazoSince: base.inPlazoSince, timelineData: base.timelineData });
  const births = birthRequests(intake, base.rules);
  if (births.length > 0) s = openBirthDeadlines(s, await steps.compute(s, births, 'child.birthDate'), intake.recordedBy, steps.now());
  for (const item of events) {
    const reason = steps.refuse ? (rejectEvent(s, item.event, steps.now(), steps.time) ?? (steps.checkFacts ? eventFactError(s, item.event, steps.time) : null)) : null;
    if (reason) steps.refuse!(item, reason);
    const receivedAt = steps.now();
    const plan = planEvent(s, item.event, steps.time);
    s = applyEvent(s, plan, await steps.compute(s, plan.effects.open, item.field ?? 'occurredAt'), { receivedAt, now: steps.now(), eventSeq: item.seq });
  }
  return s;
}

/** What a case opens with: its intake's entry into Mexico, if known (an error about it names 'entryDate'). */
export function intakeEvents(intake: CaseIntake): ReplayedEvent[] {
  const entry = entryEvent(intake);
  return entry ? [{ event: entry, field: 'entryDate' }] : [];
}
