/**
 * The rule packs: data in mx-*.json, validated when this module loads so a bad edit fails at start-up
 * (and in rulePack.test.ts), never halfway through a computation. A case keeps the version it was
 * opened under (its recorded histories too); new cases get RULE_PACK, the newest. From mx-2027.1 a pack
 * file is the pack it extends plus a changelog per rule, resolved here into a whole pack.
 */
import { DomainInputError } from '../errors';
import { parseOrThrow } from '../validation';
import v1 from './mx-2026.1.json';
import v2 from './mx-2026.2.json';
import v3 from './mx-2027.1.json';
import v4 from './mx-2027.2.json';
import v5 from './mx-2027.3.json';
import { RulePackChangesSchema, RulePackSchema, type Rule, type RulePack } from './rulePackSchema';

/** A pack written as changes: the base's rules with each change applied, in the base's order (additions last). */
export function resolveRulePack(data: unknown, loaded: readonly RulePack[]): RulePack {
  const delta = parseOrThrow(RulePackChangesSchema, data, 'rulePack');
  const base = loaded.find((p) => p.version === delta.extends);
  if (!base) throw new DomainInputError('rulePack.extends', `${delta.version} extends unknown rule pack '${delta.extends}'`);
  let rules: unknown[] = base.rules.map((r) => ({ ...r }));
  const has = (id: string) => rules.some((r) => (r as Rule).id === id);
  delta.changes.forEach(({ ruleId, change, set, rule }, i) => {
    const field = `rulePack.changes.${i}`;
    if (change === 'add') {
      if (has(ruleId)) throw new DomainInputError(field, `rule ${ruleId} already exists in ${delta.extends}`);
      if (!rule || rule.id !== ruleId) throw new DomainInputError(`${field}.rule`, `an addition carries the whole rule, with id ${ruleId}`);
      rules.push(rule);
    } else if (!has(ruleId)) {
      throw new DomainInputError(field, `rule ${ruleId} is not in ${delta.extends}`);
    } else if (change === 'remove') {
      rules = rules.filter((r) => (r as Rule).id !== ruleId);
    } else {
      if (!set || 'id' in set) throw new DomainInputError(`${field}.set`, 'an update carries the fields that change (never the id)');
      rules = rules.map((r) => ((r as Rule).id === ruleId ? { ...(r as object), ...set } : r));
    }
  });
  for (const [key, map] of [['actors', delta.actors], ['recipients', delta.recipients]] as const) {
    for (const id of Object.keys(map)) {
      if (!has(id)) throw new DomainInputError(`rulePack.${key}.${id}`, `rule ${id} is not in ${delta.version}`);
    }
  }
  for (const law of Object.keys(delta.lastReforms)) {
    if (!rules.some((r) => (r as Rule).citation.law === law)) throw new DomainInputError(`rulePack.lastReforms.${law}`, `no rule of ${delta.version} cites ${law}`);
  }
  rules = rules.map((r) => {
    const id = (r as Rule).id;
    // The base's recipients and a change's own stay; the map fills the rest.
    const recipients = (r as Rule).recipients ?? delta.recipients[id];
    const reform = delta.lastReforms[(r as Rule).citation.law];
    return {
      ...(r as object),
      ...(id in delta.actors ? { actor: delta.actors[id] } : {}),
      ...(recipients ? { recipients } : {}),
      ...(reform ? { citation: { ...(r as Rule).citation, lastReform: reform.date } } : {}),
    };
  });
  return parseOrThrow(
    RulePackSchema,
    {
      version: delta.version,
      jurisdiction: base.jurisdiction,
      description: delta.description,
      extends: delta.extends,
      effectiveFrom: delta.effectiveFrom,
      changelog: delta.changes.map(({ ruleId, change, reason, citation }) => ({ ruleId, change, reason, citation })),
      tfjaJulyVacation: delta.tfjaJulyVacation ?? base.tfjaJulyVacation,
      rules,
    },
    'rulePack',
  );
}

/** Every loadable version, oldest first. */
export const RULE_PACKS: readonly RulePack[] = [v1, v2, v3, v4, v5].reduce<RulePack[]>(
  (packs, p) => [...packs, 'extends' in p ? resolveRulePack(p, packs) : parseOrThrow(RulePackSchema, p, 'rulePack')],
  [],
);

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
