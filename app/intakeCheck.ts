/**
 * Opening a case is all or nothing: before a workflow is started, every deadline the intake opens is
 * counted here exactly as the workflow will count it (the same model and the same computation), so a
 * date the calendars cannot count from is a 422 naming the field, and no case id is spent on it.
 */
import { isDomainInputError, RULE_PACK, type Overlay } from '../domain';
import { computeCaseDeadline, summarizeRules, type DeadlineRequest } from '../domain/caseDeadline';
import type { CaseIntake } from '../domain/case/events';
import { birthRequests, entryEvent, newCase } from '../domain/case/opening';
import { deadlinesToOpen } from '../domain/case/recordEvent';
import { intakeFactError } from '../domain/case/factChecks';
import { ApiError, splitReason } from './errors';

/** Facts that cannot all be true (an entry before the birth, an adult without a disputed age): the workflow's own check, asked first. */
export function assertIntakeFacts(intake: CaseIntake): void {
  const reason = intakeFactError(intake);
  if (!reason) return;
  const { field, message } = splitReason(reason);
  throw new ApiError(422, 'invalid_request', message, field);
}

export function assertIntakeCountable(intake: CaseIntake, overlays: Overlay[]): void {
  const rules = summarizeRules(RULE_PACK);
  const entry = entryEvent(intake);
  const checks: [string, DeadlineRequest[]][] = [
    ['child.birthDate', birthRequests(intake, rules)],
    ['entryDate', entry ? deadlinesToOpen(newCase(intake, RULE_PACK.version, rules, Date.now()), entry) : []],
  ];
  for (const [field, requests] of checks) {
    for (const req of requests) {
      try {
        computeCaseDeadline(RULE_PACK, overlays, intake.office, req);
      } catch (err) {
        if (isDomainInputError(err)) throw new ApiError(422, 'invalid_request', `${req.trigger} cannot be counted from (${req.ruleId}): ${err.message}`, field);
        throw err;
      }
    }
  }
}
