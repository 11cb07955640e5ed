export { scheduledNotificationWorkflow } from './scheduledNotification';
export { caseWorkflow } from './caseWorkflow';
