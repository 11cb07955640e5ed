export { scheduledNotificationWorkflow } from './scheduledNotification';
