/**
 * Whose act a deadline is, and so whose alarm it is. From mx-2027.1 each rule names its actor; a rule of
 * an older pack takes the actor the newest pack that names one gives the same rule id (a rule's actor is
 * what the law says, not what a pack version changed), and the NGO when no pack names one.
 * The NGO watches its own deadlines and a child's detention (the INM's limits, but a detained child is
 * the NGO's first duty: amparo, LM art. 99); every other authority's overdue term is that authority's
 * breach, evidence for the NGO, never the caseworker's red alarm.
 */
import { RULE_PACKS, getRulePack } from './rulePack';
import type { Actor, Rule } from './rulePackSchema';

/** The events that put a child in the INM's hands: a rule they open counts the child's detention. */
const DETENTION_TRIGGERS: readonly string[] = ['detention_started', 'child_placed_at_inm_disposal'];

/** The rule with this id in the newest pack that has it (its actor named, when any pack names one). */
function newestRule(ruleId: string): Rule | undefined {
  const all = [...RULE_PACKS].reverse().map((p) => p.rules.find((r) => r.id === ruleId)).filter((r): r is Rule => r !== undefined);
  return all.find((r) => r.actor !== undefined) ?? all[0];
}

function ruleIn(ruleId: string, rulePack: string | undefined): Rule | undefined {
  if (rulePack === undefined) return newestRule(ruleId);
  try {
    return getRulePack(rulePack).rules.find((r) => r.id === ruleId) ?? newestRule(ruleId);
  } catch {
    return newestRule(ruleId);
  }
}

/** The rule's actor under the case's pack; a pack without actors borrows the newest word for the rule. */
export function actorOf(ruleId: string, rulePack?: string): Actor {
  return ruleIn(ruleId, rulePack)?.actor ?? newestRule(ruleId)?.actor ?? 'ngo';
}

/** The rule counts a child's detention (the 36 hours, the notice to the Procuraduría). */
export function isDetentionRule(ruleId: string, rulePack?: string): boolean {
  const rule = ruleIn(ruleId, rulePack);
  return rule !== undefined && DETENTION_TRIGGERS.includes(rule.trigger.event);
}

/** The NGO must act on it: its own deadline, or a child's detention. Anything else is an authority's to meet. */
export function ngoWatches(ruleId: string, actor: Actor, rulePack?: string): boolean {
  return actor === 'ngo' || isDetentionRule(ruleId, rulePack);
}
