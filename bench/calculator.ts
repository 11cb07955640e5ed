import { computeDeadline, RULE_PACK, SEED_OVERLAYS, type DeadlineInput } from '../domain';

/**
 * The deadline calculator alone: computeDeadline over every rule of the pack with triggers spread over
 * 2026–2030 (dates for day-counted rules, instants for hour-counted ones, birth dates for majority),
 * with the seed DOF overlays. Runs for `seconds` and counts.
 */
export function benchCalculator(seconds: number): { computationsPerSecond: number; computations: number; rules: number; inputs: number } {
  const inputs: DeadlineInput[] = [];
  const start = Date.parse('2026-01-05T12:00:00Z');
  for (let i = 0; i < 400; i++) {
    const rule = RULE_PACK.rules[i % RULE_PACK.rules.length]!;
    const t = new Date(start + ((i * 3.7) % 1600) * 86_400_000 + (i % 24) * 3_600_000);
    const date = t.toISOString().slice(0, 10);
    let trigger: string;
    if (rule.unit === 'hours') trigger = new Date(t.getTime()).toISOString().replace('Z', '+00:00');
    else if (rule.unit === 'years') trigger = `${2008 + (i % 10)}${date.slice(4)}`;
    else trigger = date;
    inputs.push({ ruleId: rule.id, trigger, overlays: SEED_OVERLAYS });
  }
  // Valid inputs only: drop any the calculator refuses (e.g. a birth date on 29 Feb in a common year).
  const valid = inputs.filter((inp) => {
    try {
      computeDeadline(inp);
      return true;
    } catch {
      return false;
    }
  });
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  while (performance.now() < deadline) {
    for (let k = 0; k < 50; k++) computeDeadline(valid[(n + k) % valid.length]!);
    n += 50;
  }
  const elapsed = (performance.now() - t0) / 1000;
  return { computationsPerSecond: Math.round(n / elapsed), computations: n, rules: RULE_PACK.rules.length, inputs: valid.length };
}
