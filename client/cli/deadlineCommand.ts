/** `plazo deadline <rule-id> --trigger <date|instant>`: one deadline, with the days it skipped and why. */
import type { Command } from 'commander';
import { z } from 'zod';
import {
  CALENDAR_IDS,
  computeDeadline,
  getRule,
  getRulePack,
  recurringOccurrence,
  RULE_PACK,
  weekdayOf,
  type DeadlineComputation,
  type DeadlineInput,
} from '../../domain';
import { officeHoursFor } from '../../domain/deadlines';
import { requireListEntry } from '../../domain/lists/adminList';
import { officeHoursOf, SEED_OFFICES, withListedOffices } from '../../domain/lists/offices';
import { genericZoneName } from '../../domain/messages/dateWords';
import { parseOrThrow } from '../../domain/validation';
import { printJson, type CliIo } from './io';
import { loadOverlays } from './overlayFile';

const TargetSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*=\d+$/, { message: "expected <rule-id>=<days>, e.g. bid_issued=45" });

export const DeadlineOptionsSchema = z.object({
  trigger: z.string({ message: 'is required (--trigger YYYY-MM-DD or an ISO instant)' }),
  calendar: z.enum(CALENDAR_IDS).optional(),
  overlays: z.string().min(1).optional(),
  seedOverlays: z.boolean().default(true),
  office: z.string().min(1).optional(),
  occurrence: z.coerce.number().int().min(1).optional(),
  extensionDays: z.coerce.number().int().optional(),
  weekday: z.enum(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']).optional(),
  rulePack: z.string().min(1).optional(),
  target: z.array(TargetSchema).default([]),
  json: z.boolean().default(false),
});

export function registerDeadlineCommand(program: Command, io: CliIo): void {
  program
    .command('deadline')
    .description('compute the due date of a rule from its trigger')
    .argument('<rule-id>', 'rule id (see: plazo rules)')
    .option('--trigger <date>', 'trigger: YYYY-MM-DD, or an ISO instant (Mexico City time if it has no offset)')
    .option('--calendar <id>', `primary calendar: ${CALENDAR_IDS.join(' | ')} (default: the rule's)`)
    .option('--overlays <file>', 'JSON file of closures and suspensions, added to the seed overlays')
    .option('--no-seed-overlays', 'leave out the overlays shipped with Plazo')
    .option('--office <name>', "the case's office (see: plazo admin lists offices): its closures, filing hours and time zone")
    .option('--occurrence <k>', 'recurring rules: the k-th occurrence (default 1)')
    .option('--weekday <day>', 'recurring rules: the weekday the authority assigned (Monday … Friday)')
    .option('--extension-days <n>', 'comar_decision_extended: business days the extension notice grants (default: the most, 45)')
    .option('--rule-pack <version>', `rule pack version (default ${RULE_PACK.version}; older ones stay loadable)`)
    .option('--target <rule=days>', 'program target override, e.g. bid_issued=45 (repeatable)', collect, [])
    .option('--json', 'print one JSON object')
    .action((ruleId: string, raw: unknown) => {
      const opts = parseOrThrow(DeadlineOptionsSchema, raw, '');
      const pack = opts.rulePack ? getRulePack(opts.rulePack) : RULE_PACK;
      const rule = getRule(ruleId, pack); // fail on an unknown rule before reading any file
      const office = opts.office === undefined ? undefined : requireListEntry(opts.office, SEED_OFFICES, 'office', 'office');
      const input: DeadlineInput = {
        ruleId,
        pack,
        extensionDays: opts.extensionDays,
        weekday: opts.weekday,
        trigger: opts.trigger,
        calendar: opts.calendar,
        overlays: withListedOffices(loadOverlays(opts.overlays, opts.seedOverlays), SEED_OFFICES),
        office: office?.name,
        officeHours: officeHoursFor(rule, office && officeHoursOf(office)),
        targets: Object.fromEntries(opts.target.map((t) => [t.split('=')[0]!, Number(t.split('=')[1])])),
      };
      const result = opts.occurrence === undefined ? computeDeadline(input) : recurringOccurrence(input, opts.occurrence);
      if (opts.json) printJson(io, result);
      else io.out(formatDeadline(result));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function withWeekday(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date} ${weekdayOf(date)}` : date;
}

const UNIT_WORDS: Record<DeadlineComputation['unit'], string> = {
  business_days: 'business days',
  calendar_days: 'calendar days',
  hours: 'hours',
  years: 'years',
  recurring_days: 'days, recurring',
};

/** When the due day ends: the rule's filing hours when it names them ('18:00 America/Tijuana (Pacific Time): the filing hours …'). */
function dueClose(r: DeadlineComputation): string {
  if (!r.filing) return '23:59:59 America/Mexico_City';
  const { closesAt, zone, source } = r.filing;
  return `${closesAt} ${zone} (${genericZoneName(zone, 'en', Date.parse(r.dueInstant))}): ${source}${r.filing.filing === 'office-hours' ? `; dueLatest until 23:59:59 ${zone}` : ''}`;
}

export function formatDeadline(r: DeadlineComputation): string {
  const hours = r.unit === 'hours';
  const lines = [
    `rule:     ${r.rule} (${r.length} ${UNIT_WORDS[r.unit]}; ${r.citation}; ${r.kind === 'law' ? 'law' : 'program target'})`,
    `term:     ${r.term}`,
    `trigger:  ${withWeekday(r.trigger)}`,
    `due:      ${withWeekday(r.due)}${hours ? '' : `, until ${dueClose(r)}`}${r.occurrence ? ` (occurrence ${r.occurrence})` : ''}`,
    `latest:   ${r.dueLatest === r.due ? `${r.dueLatest} (all readings agree)` : withWeekday(r.dueLatest)}`,
    `calendar: ${r.governingCalendar} · rule pack ${r.rulePack}${r.verified === false ? ' · rule not yet verified against its source' : ''}`,
  ];
  if (r.reason) lines.push(`why:      ${r.reason}`);
  for (const w of r.warnings) lines.push(`warning:  ${w}`);
  if (r.overlaysApplied.length) lines.push(`overlays: ${r.overlaysApplied.join(', ')}`);
  for (const note of r.notes) lines.push(`note:     ${note}`);
  if (!hours) {
    lines.push(`skipped:  ${r.skipped.length} day${r.skipped.length === 1 ? '' : 's'}`);
    for (const s of r.skipped) lines.push(`  ${s.date} ${weekdayOf(s.date).slice(0, 3)}  ${s.reason}`);
    if (r.latestDays.length) lines.push(`latest also skips ${r.latestDays.length} day${r.latestDays.length === 1 ? '' : 's'}:`);
    for (const s of r.latestDays) lines.push(`  ${s.date} ${weekdayOf(s.date).slice(0, 3)}  ${s.reason}`);
  }
  lines.push(`explained: ${r.explanation}`);
  return lines.join('\n');
}
