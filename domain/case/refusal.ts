/**
 * Only Plazo writes to a case. A worker's codec turns any payload not encrypted with a Plazo key into
 * this marker instead of failing to decode it (a payload that cannot be decoded would fail the case's
 * workflow task again on every retry, stopping its reminders); every handler refuses the marker.
 */
export const REFUSED_PAYLOAD_KEY = '__plazoRefusedPayload';

/** 'payload: …' when `x` stands for a payload the codec refused, else null. */
export function refusal(x: unknown): string | null {
  if (typeof x !== 'object' || x === null || !(REFUSED_PAYLOAD_KEY in x)) return null;
  return `payload: ${String((x as Record<string, unknown>)[REFUSED_PAYLOAD_KEY])}; only Plazo writes to a case`;
}
