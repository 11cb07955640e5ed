/**
 * The X-Plazo-Idempotency-Key header: the ledger key of every message an email carries (one, or the steps
 * of a case due together to one person), separated by spaces — a key has none (case/deadline/instant/step/role:user).
 */
export const IDEMPOTENCY_HEADER = 'X-Plazo-Idempotency-Key';

export const idempotencyHeader = (keys: string[]): string => keys.join(' ');

/** The keys of a received email's header (folded lines unfold to spaces too). */
export const idempotencyKeysOf = (header: string | undefined): string[] => (header ?? '').split(/\s+/).filter(Boolean);
