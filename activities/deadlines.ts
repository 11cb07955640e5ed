import { ApplicationFailure } from '@temporalio/common';
import {
  buildCalendar,
  computeDeadline,
  isDomainInputError,
  parseOverlays,
  RULE_PACKS,
  SEED_OVERLAYS,
  type Overlay,
  type RulePack,
} from '../domain';
import type { ComputedDeadline, RuleSummary } from '../domain/case/state';
import { buildLadder } from '../domain/ladder/ladder';
import { ladderPolicyFor } from '../domain/ladder/policy';
import { parseTrigger } from '../domain/time/instant';
import type { Weekday } from '../domain/time/localDate';
import { MX_ZONE } from '../domain/time/instant';
import { DateTime } from 'luxon';
import type { Db } from '../db/database';

export interface DeadlineRequest {
  deadlineId: string;
  ruleId: string;
  trigger: string;
  extensionDays?: number;
  weekday?: string;
}

export interface ComputeDeadlinesInput {
  rulePack: string;
  office?: string;
  requests: DeadlineRequest[];
}

/** Rule packs by version: a case keeps the version it was opened under. */
const PACKS: Record<string, RulePack> = Object.fromEntries(RULE_PACKS.map((p) => [p.version, p]));

function packOf(version: string): RulePack {
  const pack = PACKS[version];
  if (!pack) throw ApplicationFailure.nonRetryable(`rulePack: unknown version '${version}' (known: ${Object.keys(PACKS).join(', ')})`, 'UnknownRulePack');
  return pack;
}

/** Seed overlays plus the DOF closures admins added; read fresh so a new closure reaches every case. */
export async function loadOverlays(db: Db): Promise<Overlay[]> {
  const rows = await db.selectFrom('overlays').select(['body']).orderBy('id').execute();
  return [...SEED_OVERLAYS, ...parseOverlays(rows.map((r) => r.body))];
}

export function createDeadlineActivities({ db }: { db: Db }) {
  return {
    /** The rule pack as the workflow needs it: which events open and meet which deadline. */
    async loadRules(version: string): Promise<RuleSummary[]> {
      return packOf(version).rules.map((r) => ({
        id: r.id,
        title: r.title,
        triggerEvent: r.trigger.event,
        countFromEvent: r.countFrom?.event,
        satisfiedBy: r.satisfiedBy,
        ...(r.satisfiedWhen ? { satisfiedWhenAll: r.satisfiedWhen.allOf } : {}),
        unit: r.unit,
        kind: r.kind,
        citation: r.citation.text,
      }));
    },

    /**
     * Due dates and reminder ladders, computed here so that the workflow sees them as recorded results:
     * a later change of holidays, overlays or code never changes a replay.
     */
    async computeDeadlines(input: ComputeDeadlinesInput): Promise<ComputedDeadline[]> {
      const pack = packOf(input.rulePack);
      const overlays = await loadOverlays(db);
      return input.requests.map((req) => {
        try {
          return computeOne(pack, overlays, input.office, req);
        } catch (err) {
          if (isDomainInputError(err)) throw ApplicationFailure.nonRetryable(`${req.deadlineId}: ${err.field}: ${err.message}`, 'InvalidDeadline');
          throw err;
        }
      });
    },
  };
}

function computeOne(pack: RulePack, overlays: Overlay[], office: string | undefined, req: DeadlineRequest): ComputedDeadline {
  const c = computeDeadline({
    ruleId: req.ruleId,
    trigger: req.trigger,
    overlays,
    office,
    pack,
    extensionDays: req.extensionDays,
    weekday: req.weekday as Weekday | undefined,
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
    policy: ladderPolicyFor(c.rule, c.unit),
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
    steps: ladder.steps,
    missAt: ladder.missAt,
  };
}

function overlayCitation(overlays: Overlay[], id: string): string {
  const o = overlays.find((x) => x.id === id);
  return o ? `${o.citation.title} (DOF ${o.citation.dof})` : id;
}
