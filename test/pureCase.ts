/**
 * A case driven by hand through the pure model, as the workflow drives it (no servers): for domain tests
 * that record events and read what they open.
 */
import { computeCaseDeadline, summarizeRules } from '../domain/caseDeadline';
import type { CaseEvent, CaseIntake } from '../domain/case/events';
import { newCase } from '../domain/case/opening';
import { applyEvent, planEvent } from '../domain/case/recordEvent';
import type { CaseState } from '../domain/case/state';
import { rejectEvent } from '../domain/case/transitions';
import { getRulePack, RULE_PACK } from '../domain/rules/rulePack';
import { mexicoTimeMs } from '../domain/time/instant';

/** A Mexico City wall time as an ISO instant. */
export const at = (date: string, time: string) => new Date(mexicoTimeMs(date, time)).toISOString();

/** An intake opened Mon 4 Mar 2030 08:00 by the caseworker 'cw' (supervisor 'sup', lawyer 'law'). */
export const handIntake = (caseId: string): CaseIntake => ({
  caseId,
  child: { name: 'X' },
  assignments: { caseworker: 'cw', supervisor: 'sup', lawyer: 'law' },
  openedAt: at('2030-03-04', '08:00'),
  recordedBy: 'cw',
});

export const openByHand = (intake: CaseIntake, version = RULE_PACK.version): CaseState =>
  newCase(intake, version, summarizeRules(getRulePack(version)), Date.parse(intake.openedAt));

/** Records an event as the workflow does: plan, compute what it opens, apply; refused events throw. */
export function recordByHand(s: CaseState, type: string, occurredAt: string, extra: Record<string, unknown> = {}): CaseState {
  const e = { type, occurredAt, recordedBy: 'cw', ...extra } as CaseEvent;
  const now = Date.parse(occurredAt) + 60_000;
  const refused = rejectEvent(s, e, now);
  if (refused) throw new Error(refused);
  const plan = planEvent(s, e);
  const computed = plan.effects.open.map((r) => computeCaseDeadline(getRulePack(s.rulePack), [], undefined, r));
  return applyEvent(s, plan, computed, { receivedAt: now, now });
}
