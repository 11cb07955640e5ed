/**
 * An event that may already be on the case: one of the same type on the same Mexico City day, still in
 * force (not voided). Two people who record the same fact offline both reach the timeline; when the case
 * accepts the second (a repeat the law allows, such as a placement), its sender is told so rather than
 * left to believe it was the first. Nothing is merged or overwritten: a person decides, and voids one.
 */
import { mexicoDay } from '../../domain/case/factChecks';
import { corrections } from '../caseTimeline';
import type { TimelineEntryView } from '../schemas';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { userNames } from '../people/userNames';
import type { Answer } from './caseWrite';
import { loadTimeline } from './loadTimeline';

export interface PossibleDuplicate {
  seq: number;
  by: string;
}

export function possibleDuplicate(timeline: TimelineEntryView[], e: { type: string; occurredAt: string }): PossibleDuplicate | null {
  const fixed = corrections(timeline);
  const day = mexicoDay(e.occurredAt);
  const same = timeline.find((t) => {
    const c = fixed.get(t.seq);
    return t.type === e.type && c?.how !== 'voided' && mexicoDay(c?.nowAt ?? t.at) === day;
  });
  return same ? { seq: same.seq, by: same.by } : null;
}

/**
 * The answer to an event sent by the offline app: recorded, and the entry it may repeat, by whom (a name).
 * Worked out inside the write's idempotency (app/idempotency.ts keeps it): the same key sent again gets
 * this first answer, never its own entry as the duplicate.
 */
export const eventAnswerWithDuplicate = (deps: AppDeps, user: AuthUser): Answer<{ caseId: string; duplicateOf: PossibleDuplicate | null }> => ({
  kind: 'event_offline',
  async of({ caseId, seq, state }) {
    // The workflow's case may be further on (another write since): this write's event is the last at its seq.
    const mine = (await state()).events?.filter((e) => e.seq <= seq).at(-1);
    if (!mine) return { caseId, duplicateOf: null };
    const others = (await loadTimeline(deps.db, user, caseId)).filter((t) => t.seq !== mine.seq);
    const found = possibleDuplicate(others, mine.event);
    return { caseId, duplicateOf: found && { seq: found.seq, by: (await userNames(deps.db)).get(found.by) ?? found.by } };
  },
});
