/**
 * Every form that writes to a case carries a fresh Idempotency-Key: a double click or a re-sent form
 * runs once and lands on the first answer (app/idempotency.ts). A form shown again after an
 * error gets a new key, since what is sent next is a different request.
 */
import { randomUUID } from 'node:crypto';
import { html, type Html } from './html';

export const IDEMPOTENCY_FIELD = 'idempotencyKey';

export const idempotencyField = (): Html => html`<input type="hidden" name="${IDEMPOTENCY_FIELD}" value="${randomUUID()}">`;

/** The key a submitted form carried. */
export const formWriteOptions = (f: Record<string, string | undefined>): { idempotencyKey?: string } =>
  f[IDEMPOTENCY_FIELD] ? { idempotencyKey: f[IDEMPOTENCY_FIELD] } : {};
