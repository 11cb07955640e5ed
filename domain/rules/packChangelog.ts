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
  const steps = chain(from, to, packs);
  const ids = new Set([...from.rules, ...to.rules].map((r) => r.id));
  const byRule: Record<string, string> = {};
  for (const id of ids) {
    // Each pack along the way: its changelog entries for the rule, or (a pack written whole) what differs.
    const parts = steps.flatMap((p, i) => {
      const logged = p.changelog.filter((c) => c.ruleId === id);
      if (logged.length > 0) return logged.map((c) => `${p.version} (${c.change}): ${c.reason} (${c.citation})`);
      return p.extends === undefined ? [ruleDiff(id, i === 0 ? from : steps[i - 1]!, p)].filter((x): x is string => x !== null) : [];
    });
    byRule[id] = parts.join('; ') || `${to.version} keeps the rule; the count differs by the pack's calendars`;
  }
  const wide = from.tfjaJulyVacation !== to.tfjaJulyVacation ? `; TFJA July vacation: ${from.tfjaJulyVacation} → ${to.tfjaJulyVacation}` : '';
  return { byRule, packWide: `${from.version} → ${to.version}${wide}` };
}

/** What a pack written without a changelog changed in a rule, or null when nothing did. */
function ruleDiff(id: string, prev: RulePack, p: RulePack): string | null {
  const a = prev.rules.find((r) => r.id === id);
  const b = p.rules.find((r) => r.id === id);
  if (!a && !b) return null;
  if (!a) return `${p.version} adds the rule (no changelog entry)`;
  if (!b) return `${p.version} drops the rule (no changelog entry)`;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k as keyof typeof a]) !== JSON.stringify(b[k as keyof typeof b]));
  return fields.length ? `${p.version} changes ${fields.join(', ')} (no changelog entry)` : null;
}
