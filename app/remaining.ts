/**
 * How urgent a deadline is, from the time it has left (computed once, in domain/remaining.ts, for the
 * emails, the pages, the API and the CLI alike).
 */
import { remainingContext as contextAt, type Remaining, type RemainingContext } from '../domain/remaining';
import { isLive } from '../domain/case/upcoming';
import type { DeadlineView } from './schemas';

export { remainingOf, type RemainingContext, type RemainingInput } from '../domain/remaining';
/** The one language type lives with the catalogue of words. */
export type { Lang } from '../domain/messages/catalogue';

/** The context a page or an API answer reads the time left in: now, unless told otherwise. */
export const remainingContext = (overlays: RemainingContext['overlays'], now = new Date()): RemainingContext => contextAt(overlays, now);

/**
 * overdue: missed or past; alarm: an hour-counted term running; urgent: ≤ 2 (business) days; soon: ≤ 5.
 * An authority's duty (`ngoActs` false) is never the NGO's alarm: past due it is the authority's breach.
 */
export function urgencyOf(status: string, unit: string, r: Remaining | null, ngoActs = true): DeadlineView['urgency'] {
  if (!isLive({ status })) return 'done';
  if (!ngoActs) return status === 'missed' || (r && r.value < 0) ? 'breach' : 'waiting';
  if (status === 'missed' || (r && r.value < 0)) return 'overdue';
  if (unit === 'hours') return 'alarm';
  if (!r) return 'ok';
  if (r.value <= 2) return 'urgent';
  if (r.value <= 5) return 'soon';
  return 'ok';
}
