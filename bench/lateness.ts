import type { CaughtMail } from '../dev/mailCatcher';
import { summarize, type Summary } from './stats';

export interface Expected {
  caseId: string;
  recipient: string;
  dueAt: number;
}

export interface LatenessReport {
  expected: number;
  received: number;
  missing: number;
  duplicated: number;
  /** Messages whose own due header differs from the instant the bench arranged (should be 0). */
  dueMismatch: number;
  latenessMs: Summary;
}

/**
 * Compares caught mail with the expected (case, recipient) pairs: lateness = receivedAt − due, where due
 * is what the message itself says it was due at (`dueOf`), checked against the arranged instant.
 */
export function latenessOf(expected: Expected[], mails: CaughtMail[], keysOf: (m: CaughtMail) => string[], dueOf: (m: CaughtMail) => number): LatenessReport {
  const want = new Map(expected.map((e) => [`${e.caseId}|${e.recipient}`, e]));
  const got = new Map<string, CaughtMail[]>();
  for (const m of mails) {
    for (const k of keysOf(m)) {
      if (!want.has(k)) continue;
      got.set(k, [...(got.get(k) ?? []), m]);
    }
  }
  const lateness: number[] = [];
  let dueMismatch = 0;
  let duplicated = 0;
  for (const [k, ms] of got) {
    if (ms.length > 1) duplicated++;
    const first = ms.reduce((a, b) => (a.receivedAt <= b.receivedAt ? a : b));
    const due = dueOf(first);
    if (Math.abs(due - want.get(k)!.dueAt) > 1) dueMismatch++;
    lateness.push(first.receivedAt.getTime() - due);
  }
  return {
    expected: want.size,
    received: got.size,
    missing: [...want.keys()].filter((k) => !got.has(k)).length,
    duplicated,
    dueMismatch,
    latenessMs: summarize(lateness),
  };
}

/**
 * Plazo's alarm-1 of child_detention_notice in a message, as case|recipient: key <case>/<deadline>/<dueInstant>/<step>/<role>:<user>.
 * One per case the message lists (the dispatcher's email lists several cases).
 */
export function plazoAlarm1Keys(m: CaughtMail): string[] {
  const out = new Set<string>();
  for (const key of m.keys) {
    const parts = key.split('/');
    if (parts[1]?.startsWith('child_detention_notice') && parts[3] === 'alarm-1') out.add(`${parts[0]}|${m.to[0] ?? ''}`);
  }
  return [...out];
}

export const plazoDue = (m: CaughtMail) => Date.parse(m.headers['x-plazo-scheduled-for'] ?? '');

export function pollerKeys(m: CaughtMail): string[] {
  const k = m.headers['x-bench-poller'];
  if (!k) return [];
  const i = k.lastIndexOf('/');
  return [`${k.slice(0, i)}|${k.slice(i + 1)}`];
}

export const pollerDue = (m: CaughtMail) => Date.parse(m.headers['x-bench-due'] ?? '');

/** Every Plazo message (any step) received more than once under the same idempotency key, alone or among others. */
export function plazoDuplicateKeys(mails: CaughtMail[]): number {
  const seen = new Map<string, number>();
  for (const m of mails) for (const k of m.keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}
