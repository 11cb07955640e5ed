/**
 * Which events a person is likely to record next on a case: the ones that meet a live deadline, then
 * the ones usual in its phase, then the detention episode; every other type stays available ("other"),
 * since the law lets a case move back or jump (DESIGN.md §2). One place for this: the event form and
 * its test read it from here. Pure and free of zod.
 */
import type { CaseEventType, Phase } from './events';

/** What usually happens in each phase, most frequent first. */
export const PHASE_EVENTS: Record<Phase, CaseEventType[]> = {
  intake: ['entered_mexico', 'procuraduria_notified', 'child_identified_by_inm', 'asylum_claim_filed', 'urgent_measures_requested', 'urgent_measures_imposed', 'placement_changed'],
  bid: ['bid_issued', 'asylum_claim_filed', 'urgent_measures_requested', 'urgent_measures_imposed', 'tvrh_issued', 'child_channelled_to_dif', 'placement_changed'],
  asylum: ['weekly_signature_recorded', 'interview_scheduled', 'claim_ratified', 'comar_extension_notified', 'comar_notified_inm', 'sre_opinion_requested', 'sre_opinion_received', 'decision_notified'],
  decision: ['recurso_revision_filed', 'amparo_filed', 'nulidad_filed', 'placement_changed', 'handover_completed', 'case_closed'],
  appeal: ['decision_notified', 'amparo_filed', 'nulidad_filed', 'weekly_signature_recorded'],
  placement: ['placement_changed', 'child_absent', 'child_returned', 'handover_completed', 'case_closed'],
  closed: [],
};

export interface CaseAtAGlance {
  phase: Phase;
  detained: boolean;
  /** Events that would meet one of the case's live deadlines (from the rule pack's satisfiedBy), most urgent first. */
  meetsLiveDeadline: string[];
}

/** The event types to offer first, and the rest (behind "other"); `all` lists every type the form may record. */
export function eventChoices(c: CaseAtAGlance, all: readonly CaseEventType[]): { likely: CaseEventType[]; other: CaseEventType[] } {
  const wanted: string[] = [
    ...c.meetsLiveDeadline,
    ...(c.detained ? ['detention_ended', 'procuraduria_notified', 'child_channelled_to_dif'] : []),
    ...PHASE_EVENTS[c.phase],
    ...(c.detained ? [] : ['detention_started']),
  ];
  const likely = [...new Set(wanted)].filter((t): t is CaseEventType => (all as readonly string[]).includes(t));
  return { likely, other: all.filter((t) => !likely.includes(t)) };
}
