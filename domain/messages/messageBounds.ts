/** What the ledger takes of one email (activities/notificationRequest.ts checks them): a message is written to fit. */
export const MESSAGE_SUBJECT_MAX = 300;
export const MESSAGE_BODY_MAX = 20_000;
