/** The rules file fires the delivery alerts at the thresholds the status page computes with (metrics/alertThresholds.ts). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { DELIVERY_ALERTS } from '../../metrics/alertThresholds';

const rules = parse(readFileSync(resolve(__dirname, 'plazo-alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
const exprOf = (alert: string) => rules.groups.flatMap((g) => g.rules).find((r) => r.alert === alert)?.expr;

test.each(Object.entries(DELIVERY_ALERTS))('%s fires at the threshold and unit the status page uses', (alert, { seconds, unit }) => {
  const selector = unit ? `{deadline_unit="${unit}"}` : '';
  expect(exprOf(alert)).toBe(`max(plazo_undelivered_reminder_oldest_age_seconds${selector}) > ${seconds}`);
});
