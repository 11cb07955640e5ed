/**
 * Why a rule counts differently under another pack: the changelog entries of every pack between the two
 * (a pack's `extends` chain), or, where a pack was written whole without a changelog (mx-2026.2), the
 * fields that differ. What a dry run and a case's timeline give as the reason of each change.
 */
import type { RulePack } from './rulePackSchema';

/** The reason for each rule id of either pack, and `packWide` for a change no rule's fields explain. */
export interface PackReasons {
  byRule: Record<string, string>;
  packWide: string;
}

/** The packs after `from` up to `to`, oldest first, along `to`'s `extends` chain (all of it when `from` is not on it). */
function chain(from: RulePack, to: RulePack, packs: readonly RulePack[]): RulePack[] {
  const path: RulePack[] = [];
  for (let p: RulePack | undefined = to; p && p.version !== from.version; p = packs.find((x) => x.version === p!.extends)) path.unshift(p);
  return path;
}

export function packReasons(from: RulePack, to: RulePack, packs: readonly RulePack[]): PackReasons {
  const byRule: Record<string, string> = {};
  const logged = chain(from, to, packs).flatMap((p) => p.changelog.map((c) => ({ ...c, version: p.version })));
  const ids = new Set([...from.rules, ...to.rules].map((r) => r.id));
  for (const id of ids) {
    const entries = logged.filter((c) => c.ruleId === id);
    if (entries.length > 0) {
      byRule[id] = entries.map((c) => `${c.version} (${c.change}): ${c.reason} (${c.citation})`).join('; ');
      continue;
    }
    const a = from.rules.find((r) => r.id === id);
    const b = to.rules.find((r) => r.id === id);
    if (!a) byRule[id] = `${to.version} adds the rule (no changelog entry)`;
    else if (!b) byRule[id] = `${to.version} drops the rule (no changelog entry)`;
    else {
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k as keyof typeof a]) !== JSON.stringify(b[k as keyof typeof b]));
      byRule[id] = fields.length ? `${to.version} changes ${fields.join(', ')} (no changelog entry)` : `${to.version} keeps the rule; the count differs by the pack's calendars`;
    }
  }
  const wide = from.tfjaJulyVacation !== to.tfjaJulyVacation ? `; TFJA July vacation: ${from.tfjaJulyVacation} → ${to.tfjaJulyVacation}` : '';
  return { byRule, packWide: `${from.version} → ${to.version}${wide}` };
}
