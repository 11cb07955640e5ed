/**
 * Whether a deadline was met late follows when the event that met it happened (its occurredAt, kept as
 * `resolvedAt`), not when someone recorded it: a claim filed on time and typed in a week later was met on
 * time, even if the case had already counted the deadline as missed meanwhile. Pure: the case model sets
 * it, and the read model derives it again from the same fields (so rows of cases met before this rule
 * read right when next projected).
 */
import { whenToMs } from '../time/mexicoClock';
import type { DeadlineState } from './state';

export function metLate(d: Pick<DeadlineState, 'status' | 'resolvedAt' | 'dueInstant' | 'late'>): boolean {
  if (d.status !== 'met') return false;
  // A date without a time counts from the start of that day: met on the due day is on time.
  if (d.resolvedAt === undefined) return d.late ?? false;
  return whenToMs(d.resolvedAt) > Date.parse(d.dueInstant);
}
