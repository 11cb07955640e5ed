/**
 * The alert rules with Prometheus' own tool: `promtool check rules` (syntax, PromQL) and `promtool test
 * rules` (one test per alert in plazo-alerts.test.yml: quiet, then firing with its labels and runbook).
 * promtool is built from its Go module by scripts/setup.sh (section 7) into .tools/bin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const here = __dirname;
const PROMTOOL = process.env.PLAZO_PROMTOOL_PATH ?? resolve(here, '..', '..', '.tools', 'bin', 'promtool');
const rules = parse(readFileSync(resolve(here, 'plazo-alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; annotations: { runbook_url: string } }[] }[] };
const alerts = rules.groups.flatMap((g) => g.rules);

function promtool(...args: string[]): string {
  if (!existsSync(PROMTOOL)) throw new Error(`no promtool at ${PROMTOOL}: run scripts/setup.sh (it builds it from its Go module) or set PLAZO_PROMTOOL_PATH`);
  try {
    return execFileSync(PROMTOOL, args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

test('promtool check rules accepts the rules file', () => {
  expect(promtool('check', 'rules', 'plazo-alerts.yml')).toContain(`SUCCESS: ${alerts.length} rules found`);
});

test('promtool test rules: every alert has a test that sees it quiet and then firing', () => {
  const tests = readFileSync(resolve(here, 'plazo-alerts.test.yml'), 'utf8');
  const suite = parse(tests) as { tests: { alert_rule_test: { alertname: string; exp_alerts: unknown[] }[] }[] };
  const cases = suite.tests.flatMap((t) => t.alert_rule_test);
  for (const { alert } of alerts) {
    expect({ alert, firing: cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0) }).toEqual({ alert, firing: true });
    expect({ alert, quiet: cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0) }).toEqual({ alert, quiet: true });
  }
  expect(promtool('test', 'rules', 'plazo-alerts.test.yml')).toContain('SUCCESS');
});

test('each alert has its runbook line in docs/production.md', () => {
  const doc = readFileSync(resolve(here, '..', '..', 'docs', 'production.md'), 'utf8');
  const runbook = doc.slice(doc.indexOf('## Alerts and runbook'));
  expect(runbook.length).toBeGreaterThan(0);
  for (const { alert, annotations } of alerts) {
    expect(annotations.runbook_url).toBe(`docs/production.md#${alert.toLowerCase()}`);
    expect({ alert, documented: new RegExp(`^### ${alert}$`, 'm').test(runbook) }).toEqual({ alert, documented: true });
  }
});
