/**
 * A case's deadline as the workflow keeps it: the computation and its reminder ladder. Pure; the
 * deadline activity runs it, and so does the API to check an intake before it opens anything.
 */
import { DateTime } from 'luxon';
import type { ComputedDeadline, RuleSummary } from './case/state';
import { buildCalendar } from './calendar/businessCalendar';
import { computeDeadline, officeHoursFor, type OfficeHours } from './deadlines';
import { getRule } from './rules/rulePack';
import { buildLadder } from './ladder/ladder';
import { ladderPolicyFor } from './ladder/policy';
import type { Overlay } from './overlays';
import type { RulePack } from './rules/rulePackSchema';
import { MX_ZONE, parseTrigger } from './time/instant';
import type { Weekday } from './time/localDate';

export interface DeadlineRequest {
  deadlineId: string;
  ruleId: string;
  trigger: string;
  /** comar_decision_extended: the business days the extension notice grants. */
  extensionDays?: number;
  /** weekly_signature: the weekday COMAR assigned. */
  weekday?: string;
}

/** The rule pack as the workflow needs it: which events open and meet which deadline. */
export function summarizeRules(pack: RulePack): RuleSummary[] {
  return pack.rules.map((r) => ({
    id: r.id,
    title: r.title ?? r.id,
    triggerEvent: r.trigger.event,
    ...(r.alsoTriggeredBy ? { alsoTriggeredBy: r.alsoTriggeredBy.map((t) => t.event) } : {}),
    countFromEvent: r.countFrom?.event,
    satisfiedBy: r.satisfiedBy,
    ...(r.satisfiedWhen ? { satisfiedWhenAll: r.satisfiedWhen.allOf } : {}),
    ...(r.custodyEndedBy ? { custodyEndedBy: r.custodyEndedBy } : {}),
    ...(r.breach ? { breach: r.breach } : {}),
    unit: r.unit,
    kind: r.kind,
    citation: r.citation.text,
  }));
}

/**
 * One deadline of a case with its reminder ladder: what the workflow keeps (throws DomainInputError on bad
 * input). `hours`: the case's office's filing hours and zone (lists/offices.ts), for rules that end at them.
 */
export function computeCaseDeadline(pack: RulePack, overlays: Overlay[], office: string | undefined, req: DeadlineRequest, hours?: OfficeHours): ComputedDeadline {
  const rule = getRule(req.ruleId, pack);
  const c = computeDeadline({
    ruleId: req.ruleId,
    trigger: req.trigger,
    overlays,
    office,
    pack,
    extensionDays: req.extensionDays,
    weekday: req.weekday as Weekday | undefined,
    officeHours: officeHoursFor(rule, hours),
  });
  const reading = c.readings.find((r) => r.id === c.dueReading);
  const calendar = buildCalendar(c.calendar, {
    overlays,
    agency: c.agency,
    office,
    ruleId: c.rule,
    transmissionReading: reading?.transmission,
  });
  const trigger = parseTrigger(req.trigger);
  const triggerInstant =
    trigger.kind === 'instant' ? trigger.utc : DateTime.fromISO(trigger.date, { zone: MX_ZONE }).startOf('day').toUTC().toISO()!;
  const ladder = buildLadder({
    unit: c.unit,
    due: c.due,
    dueInstant: c.dueInstant,
    triggerInstant,
    length: c.length,
    calendar,
    // Packs from mx-2027.2 say who is told at each step (court terms: the lawyer at every one); from
    // mx-2027.3 an authority's duty is told on its due day and then daily, without reminders before.
    policy: ladderPolicyFor(c.rule, c.unit, {}, rule.recipients, rule.cadence),
  });
  return {
    deadlineId: req.deadlineId,
    ruleId: c.rule,
    trigger: c.trigger,
    due: c.due,
    dueLatest: c.dueLatest,
    dueInstant: c.dueInstant,
    dueLatestInstant: c.dueLatestInstant,
    reason: c.reason,
    citation: c.citation,
    kind: c.kind,
    unit: c.unit,
    length: c.length,
    calendar: c.calendar,
    rulePack: c.rulePack,
    skipped: c.skipped,
    overlaysApplied: c.overlaysApplied.map((id) => ({ id, citation: overlayCitation(overlays, id) })),
    ...(req.extensionDays !== undefined ? { extensionDays: req.extensionDays } : {}),
    ...(req.weekday !== undefined ? { weekday: req.weekday } : {}),
    explanation: c.explanation,
    term: c.term,
    warnings: c.warnings,
    ...(c.filing ? { filing: { filing: c.filing.filing, closesAt: c.filing.closesAt, zone: c.filing.zone, source: c.filing.source } } : {}),
    steps: ladder.steps,
    missAt: ladder.missAt,
  };
}

function overlayCitation(overlays: Overlay[], id: string): string {
  const o = overlays.find((x) => x.id === id);
  return o ? `${o.citation.title} (DOF ${o.citation.dof})` : id;
}
