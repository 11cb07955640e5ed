export { scheduledNotificationWorkflow } from './scheduledNotification';
export { caseWorkflow } from './caseWorkflow';
export { dailyDigestWorkflow } from './dailyDigest';
export { engineReconcilerWorkflow } from './engineReconciler';
export { retentionWorkflow } from './retention';
export { rulePackUpdateWorkflow } from './rulePackUpdate';
export { importSummaryWorkflow } from './importSummary';
export { stepDispatcherWorkflow } from './stepDispatcher';
