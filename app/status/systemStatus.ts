import { sql } from 'kysely';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { undeliveredByUnit } from '../../db/queries/undeliveredMessages';
import { DELIVERY_ALERTS, type DeliveryAlert } from '../../metrics/alertThresholds';
import { workersSeen, type WorkersSeen } from './workersSeen';

export interface SystemStatus {
  workers: WorkersSeen;
  undelivered: { count: number; oldestAgeSeconds: number };
  /** Of them, failing (an attempt was refused). */
  failing: number;
  lastSentAt: Date | null;
  /** The ledger's delivery alerts that fire now by the rules file's thresholds (before its `for:` wait), and no worker polling. */
  firing: (DeliveryAlert | 'PlazoNoWorkerPolling')[];
}

/** Which delivery alerts fire for these ledger figures (the thresholds of metrics/alertThresholds.ts). */
export function firingDeliveryAlerts(byUnit: { unit: string; oldestAgeSeconds: number }[]): DeliveryAlert[] {
  return (Object.keys(DELIVERY_ALERTS) as DeliveryAlert[]).filter((alert) => {
    const { seconds, unit } = DELIVERY_ALERTS[alert];
    return byUnit.some((r) => (unit === null || r.unit === unit) && r.oldestAgeSeconds > seconds);
  });
}

/** The admin status page's figures: workers seen, backlog, undelivered messages, last send, alerts. */
export async function systemStatus(deps: Pick<AppDeps, 'db' | 'temporal' | 'taskQueue'>, user: AuthUser): Promise<SystemStatus> {
  assertCan(user, 'view_status');
  const [workers, byUnit, ledger] = await Promise.all([
    workersSeen(deps),
    undeliveredByUnit(deps.db),
    sql<{ failing: string; last_sent: Date | null }>`
      select (select count(*) from notifications where status <> 'sent' and status = 'failed') as failing,
             (select max(sent_at) from notifications where status = 'sent') as last_sent`.execute(deps.db),
  ]);
  const firing: SystemStatus['firing'] = firingDeliveryAlerts(byUnit);
  if (!workers.error && workers.pollers.length === 0) firing.push('PlazoNoWorkerPolling');
  return {
    workers,
    undelivered: { count: byUnit.reduce((n, r) => n + r.count, 0), oldestAgeSeconds: Math.max(0, ...byUnit.map((r) => r.oldestAgeSeconds)) },
    failing: Number(ledger.rows[0]?.failing ?? 0),
    lastSentAt: ledger.rows[0]?.last_sent ?? null,
    firing,
  };
}
