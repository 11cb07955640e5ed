/** `plazo rules`: the rule pack in force, with citations, each rule's actor (domain/rules/actors.ts), and who is told at each step by role. */
import type { Command } from 'commander';
import { z } from 'zod';
import { RULE_PACK, type Rule } from '../../domain';
import { recipientsOf } from '../../domain/ladder/policy';
import { parseOrThrow } from '../../domain/validation';
import { actorOf } from '../../domain/rules/actors';
import { printJson, table, type CliIo } from './io';
import { registerRulesUpdateCommand } from './rulesUpdateCommand';

const RulesOptionsSchema = z.object({ json: z.boolean().default(false) });

const UNIT_SHORT: Record<Rule['unit'], string> = {
  business_days: 'business days',
  calendar_days: 'calendar days',
  hours: 'hours',
  years: 'years',
  recurring_days: 'days (every)',
};

function lengthText(r: Rule): string {
  if (r.unit === 'recurring_days') return `every ${r.length} days`;
  if (r.unit === 'hours' && r.length === 0) return 'immediate (0 h)';
  return `${r.length} ${UNIT_SHORT[r.unit]}`;
}

const SERIES = ['reminder', 'alarm', 'due', 'overdue', 'director'] as const;

/** Who is told at each step of the rule's ladder ('-' where the ladder has no such step). */
function recipientRow(r: Rule): string[] {
  const to = recipientsOf(r.id, r.unit, r.length, r.recipients, r.cadence);
  // A breach (mx-2027.2) is escalated at once: the events that breach it, and to whom.
  const breach = r.breach ? `${r.breach.by.join(', ')} → ${r.breach.escalateTo.join(', ')}` : '-';
  // An authority's duty (mx-2027.3) is told again once a day while unmet, a set number of times.
  const often = (series: (typeof SERIES)[number]) => (series === 'overdue' && r.cadence ? ` (daily ×${r.cadence.overdueDaily})` : '');
  return [r.id, ...SERIES.map((series) => (to[series] ? `${to[series].join(', ')}${often(series)}` : '-')), breach];
}

export function registerRulesCommand(program: Command, io: CliIo): void {
  const rules = program.command('rules');
  registerRulesUpdateCommand(rules, io);
  rules
    .description('list the rule pack with citations')
    .option('--json', 'print the rule pack as JSON')
    .action((raw: unknown) => {
      const opts = parseOrThrow(RulesOptionsSchema, raw, '');
      if (opts.json) return printJson(io, RULE_PACK);
      const rows = [
        ['rule', 'length', 'calendar', 'agency', 'actor', 'kind', 'trigger', 'citation', 'verified'],
        ...RULE_PACK.rules.map((r) => [
          r.id,
          lengthText(r),
          r.calendar,
          r.agency,
          actorOf(r.id, RULE_PACK.version),
          r.kind === 'law' ? 'law' : 'program target',
          [r.trigger, ...(r.alsoTriggeredBy ?? [])].map((t) => t.event).join(', '),
          r.citation.text,
          r.verification ? (r.verification.verified ? 'yes' : 'no') : '-',
        ]),
      ];
      const told = [['rule', ...SERIES, 'breach (escalated at once)'], ...RULE_PACK.rules.map(recipientRow)];
      io.out(`rule pack ${RULE_PACK.version}\n${table(rows)}\n\nwho is told at each step, by role\n${table(told)}`);
    });
}
