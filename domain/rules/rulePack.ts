/**
 * The rule packs: data in mx-2026.*.json, validated when this module loads so a bad edit fails at
 * start-up (and in rulePack.test.ts), never halfway through a computation. A case keeps the version it
 * was opened under (its recorded histories too); new cases get RULE_PACK, the newest.
 */
import { DomainInputError } from '../errors';
import { parseOrThrow } from '../validation';
import v1 from './mx-2026.1.json';
import v2 from './mx-2026.2.json';
import { RulePackSchema, type Rule, type RulePack } from './rulePackSchema';

/** Every loadable version, oldest first. */
export const RULE_PACKS: readonly RulePack[] = [v1, v2].map((p) => parseOrThrow(RulePackSchema, p, 'rulePack'));

/** The rule pack in force for new cases. */
export const RULE_PACK: RulePack = RULE_PACKS[RULE_PACKS.length - 1]!;

export function getRulePack(version: string): RulePack {
  const pack = RULE_PACKS.find((p) => p.version === version);
  if (!pack) throw new DomainInputError('rulePack', `unknown rule pack '${version}' (known: ${RULE_PACKS.map((p) => p.version).join(', ')})`);
  return pack;
}

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
