export { scheduledNotificationWorkflow } from './scheduledNotification';
export { caseWorkflow } from './caseWorkflow';
export { dailyDigestWorkflow } from './dailyDigest';
export { retentionWorkflow } from './retention';
