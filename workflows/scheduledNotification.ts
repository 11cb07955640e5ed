import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { NotificationRequest, NotificationResult } from '../activities/notificationRequest';

const { sendEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export interface ScheduledNotificationInput {
  /** ISO instant; in the past means now. */
  at: string;
  notification: NotificationRequest;
}

/**
 * One message at a given instant: a manual reminder, or the system check an operator runs after deploy.
 * Reassignment notices went this way (started by the API) before the case sent them itself: kept
 * registered so that those still running, and their histories, finish.
 */
export async function scheduledNotificationWorkflow(input: ScheduledNotificationInput): Promise<NotificationResult> {
  const wait = Date.parse(input.at) - Date.now(); // workflow Date.now() is Temporal's deterministic clock
  if (wait > 0) await sleep(wait);
  return await sendEmail(input.notification);
}
