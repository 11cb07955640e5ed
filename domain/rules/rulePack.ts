/**
 * The rule pack in force: data in mx-2026.1.json, validated when this module loads so a bad edit
 * fails at start-up (and in rulePack.test.ts), never halfway through a computation.
 */
import { DomainInputError } from '../errors';
import { parseOrThrow } from '../validation';
import pack from './mx-2026.1.json';
import { RulePackSchema, type Rule, type RulePack } from './rulePackSchema';

export const RULE_PACK: RulePack = parseOrThrow(RulePackSchema, pack, 'rulePack');

/** Validates a rule pack read from elsewhere (a future version, a test fixture). */
export function parseRulePack(data: unknown): RulePack {
  return parseOrThrow(RulePackSchema, data, 'rulePack');
}

export function getRule(id: string, rulePack: RulePack = RULE_PACK): Rule {
  const rule = rulePack.rules.find((r) => r.id === id);
  if (!rule) {
    throw new DomainInputError('rule', `unknown rule '${id}' in rule pack ${rulePack.version} (try: plazo rules)`);
  }
  return rule;
}
