/**
 * Facts that cannot be true together: refused as 'field: reason' before anything is stored, on every
 * write path (the API's check before it starts a case, the workflow's intake check and Update validator,
 * a correction's replay). Dates that are only unusual are warnings instead (dateWarnings.ts).
 * Plain code, no zod: the workflow runs it.
 */
import { mexicoDayOf } from '../time/mexicoClock';
import type { CaseEvent, CaseIntake } from './events';
import { recordChanges } from './recordEvent';
import type { CaseState } from './state';
import { MEXICO_CITY_TIME, type MexicoTime } from './transitions';

/** The age from which a person is no longer a child (LGDNNA art. 5). */
export const ADULT_AGE = 18;

/**
 * Events that are an act in Mexico (of its authorities, its courts, or the child's stay there): none can
 * happen before the child entered Mexico. Left out: the entry itself, and the organization's own
 * bookkeeping (who holds the case, its hand-over and closure).
 */
const NOT_IN_MEXICO = new Set(['entered_mexico', 'assignment_changed', 'handover_completed', 'case_closed', 'child_record_updated']);

/** Mexico City's day of a date or an instant (YYYY-MM-DD). */
export function mexicoDay(when: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? when : mexicoDayOf(Date.parse(when));
}

/** Whole years from `born` to `on` (both YYYY-MM-DD). */
export function ageOn(born: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(born.slice(0, 4));
  return on.slice(5) < born.slice(5) ? years - 1 : years;
}

/** Why an intake's facts cannot all be true, as 'field: reason', or null. */
export function intakeFactError(intake: Pick<CaseIntake, 'entryDate' | 'openedAt'> & { child: Pick<CaseIntake['child'], 'birthDate' | 'ageDisputed'> }): string | null {
  const born = intake.child.birthDate;
  if (!born) return null;
  if (intake.entryDate && intake.entryDate < born) return `entryDate: ${intake.entryDate} is before the child's birth date (${born})`;
  const opened = mexicoDay(intake.openedAt);
  if (opened < born) return `openedAt: ${opened} is before the child's birth date (${born})`;
  const age = ageOn(born, opened);
  if (age >= ADULT_AGE && !intake.child.ageDisputed) {
    return `child.birthDate: born ${born}, the person is ${age} at intake; a case is for a child under ${ADULT_AGE}: correct the birth date, or record the age as disputed (child.ageDisputed)`;
  }
  return null;
}

/** Why an event cannot have happened on this case given the child's birth and entry into Mexico, or null. */
export function eventFactError(s: Pick<CaseState, 'child' | 'facts'>, e: Pick<CaseEvent, 'type' | 'occurredAt'>, time: MexicoTime = MEXICO_CITY_TIME): string | null {
  if (e.type === 'child_record_updated' && Object.keys(recordChanges(e as CaseEvent)).length === 0) {
    return 'type: a record update says what changed (sex, languages, interpreterNeeded, accompaniment, familyTracing, ageDisputed, identification)';
  }
  const at = time.dayStartMs(e.occurredAt);
  const born = s.child.birthDate;
  if (born && at < time.dayStartMs(born)) return `occurredAt: ${mexicoDay(e.occurredAt)} is before the child's birth date (${born})`;
  if (e.type === 'entered_mexico') {
    const earlier = Object.entries(s.facts.eventDates).find(([type, when]) => !NOT_IN_MEXICO.has(type) && time.dayStartMs(when) < at);
    if (earlier) return `occurredAt: ${mexicoDay(e.occurredAt)} is after ${earlier[0].replace(/_/g, ' ')} (${mexicoDay(earlier[1])}), which happened in Mexico`;
  }
  const entered = s.facts.entryDate;
  if (entered && !NOT_IN_MEXICO.has(e.type) && at < time.dayStartMs(entered)) {
    return `occurredAt: ${mexicoDay(e.occurredAt)} is before the child entered Mexico (${entered}); ${e.type.replace(/_/g, ' ')} happens in Mexico`;
  }
  return null;
}
