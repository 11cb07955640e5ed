/**
 * A release whose case workflow changed without `patched()` (test/temporalUpgrade.e2e.test.ts): its first
 * command is an activity no recorded history scheduled, so no running case replays with it.
 */
import { proxyActivities } from '@temporalio/workflow';

const { announceRelease } = proxyActivities<{ announceRelease(): Promise<void> }>({ startToCloseTimeout: '1 minute' });

export async function caseWorkflow(): Promise<void> {
  await announceRelease();
}
