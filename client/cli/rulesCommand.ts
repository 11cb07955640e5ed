/** `plazo rules`: the rule pack in force, with citations. */
import type { Command } from 'commander';
import { z } from 'zod';
import { RULE_PACK, type Rule } from '../../domain';
import { parseOrThrow } from '../../domain/validation';
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
        ['rule', 'length', 'calendar', 'agency', 'kind', 'trigger', 'citation', 'verified'],
        ...RULE_PACK.rules.map((r) => [
          r.id,
          lengthText(r),
          r.calendar,
          r.agency,
          r.kind === 'law' ? 'law' : 'program target',
          r.trigger.event,
          r.citation.text,
          r.verification ? (r.verification.verified ? 'yes' : 'no') : '-',
        ]),
      ];
      io.out(`rule pack ${RULE_PACK.version}\n${table(rows)}`);
    });
}
