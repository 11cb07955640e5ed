/**
 * The delivery alerts' thresholds, in one place: the admin status page (app/status/) computes from the
 * ledger which alerts would fire with them, and ops/prometheus/alertThresholds.test.ts checks that the
 * rules file fires at the same numbers (promtool reads YAML, so the rules file cannot import them).
 * `unit`: only the messages of deadlines counted in that unit (the gauge's deadline_unit label); none: all.
 */
export const DELIVERY_ALERTS = {
  /** A message due more than 10 minutes and still not delivered. */
  PlazoReminderUndelivered: { seconds: 600, unit: null },
  /** An hour-counted deadline's alarm (a detention's 36 hours) due more than 2 minutes and not delivered. */
  PlazoHourAlarmUndelivered: { seconds: 120, unit: 'hours' },
} as const;

export type DeliveryAlert = keyof typeof DELIVERY_ALERTS;
