/**
 * How an event changes a case: which rule-pack events it stands for, whether it is allowed now, the
 * phase it leads to, and which deadlines it opens, meets, extends, suspends or cancels.
 * Pure and free of zod: the workflow runs this code.
 */
import type { CaseEvent, Phase } from './events';
import type { CaseState, RuleSummary } from './state';
import { isLive } from './upcoming';
import { mexicoDayStartMs, whenToMs } from '../time/mexicoClock';

export { whenToMs };

/** How the case reads a date or an instant on Mexico City's clock (legacyOffset.ts: how older runs did). */
export interface MexicoTime {
  whenToMs(when: string): number;
  dayStartMs(when: string): number;
}
/** Mexico City on the IANA zone, daylight-saving summers before Oct 2022 included. */
export const MEXICO_CITY_TIME: MexicoTime = { whenToMs, dayStartMs: mexicoDayStartMs };

/** The rule-pack events (triggers and satisfiers) a recorded event stands for. */
export function internalEvents(e: CaseEvent): string[] {
  switch (e.type) {
    case 'asylum_claim_filed':
      return e.byRepresentative ? ['asylum_claim_filed', 'claim_filed_by_representative'] : ['asylum_claim_filed'];
    case 'decision_notified':
      return e.outcome === 'denied' || e.outcome === 'abandoned' ? ['comar_decision_notified', 'negative_decision_notified'] : ['comar_decision_notified'];
    case 'detention_started':
      // Every detention of a child is also a placement at INM's disposal (LM arts. 99, 112).
      return ['detention_started', 'child_placed_at_inm_disposal'];
    case 'detention_ended':
      // A return or a deportation takes the child out of Mexico: before the BID, a breach (LM art. 112).
      return e.exit === 'returned' || e.exit === 'deported' ? ['detention_ended', 'child_returned_to_origin'] : ['detention_ended'];
    default:
      return [e.type];
  }
}

/** A clock a little ahead is not a future event: the case model and the API's early check share it. */
export const FUTURE_TOLERANCE_MS = 10 * 60_000;
const liveOf = (s: CaseState, ruleId: string) => s.deadlines.find((d) => d.ruleId === ruleId && isLive(d));

/**
 * Whether the event ends INM custody of a detained child: the end of the detention, or (packs from
 * mx-2027.2, rule `custodyEndedBy`) channelling to DIF, LM art. 112 fr. I. `s` is the case before it.
 */
export function endsCustody(s: CaseState, e: CaseEvent): boolean {
  if (!s.facts.detained) return false;
  if (e.type === 'detention_ended') return true;
  const events = internalEvents(e);
  return s.rules.some((r) => r.custodyEndedBy?.some((ev) => events.includes(ev)));
}

/** Whether the rule opens on these events: its trigger, or (mx-2027.2) one of its further triggers. */
const opensOn = (rule: RuleSummary, events: string[]) => events.includes(rule.triggerEvent) || !!rule.alsoTriggeredBy?.some((ev) => events.includes(ev));

/** Why an event cannot be recorded now, as 'field: reason', or null. Plain checks: runs in the workflow. */
export function rejectEvent(s: CaseState, e: CaseEvent, nowMs: number, time: MexicoTime = MEXICO_CITY_TIME): string | null {
  if (s.closed) return `type: the case is closed (${s.closed.reason}); no event can be recorded`;
  const at = time.whenToMs(e.occurredAt);
  if (Number.isNaN(at)) return 'occurredAt: not a valid date or instant';
  if (at > nowMs + FUTURE_TOLERANCE_MS) return 'occurredAt: is in the future';
  if (!e.recordedBy || !e.recordedBy.trim()) return 'recordedBy: required';
  const filed = s.facts.eventDates['asylum_claim_filed'];
  const need = (ruleId: string, what: string) => (liveOf(s, ruleId) ? null : `type: ${what}`);
  switch (e.type) {
    case 'entered_mexico':
      return filed ? 'type: the claim is already filed; the entry date no longer opens a filing window' : null;
    case 'procuraduria_notified':
      // INM must notify the Procuraduría of each placement at its disposal, so a new detention allows a new notice.
      if (liveOf(s, 'child_detention_notice')) return null;
      return s.facts.eventDates['procuraduria_notified'] ? 'type: the Procuraduría was already notified' : null;
    case 'bid_issued':
      return s.facts.eventDates['bid_issued'] ? 'type: the BID was already issued' : null;
    case 'asylum_claim_filed':
      return filed ? 'type: the claim was already filed' : null;
    case 'claim_ratified':
      return need('ratify_representative_filing', 'no claim filed by a representative awaits ratification');
    case 'comar_extension_notified':
      return need('comar_decision', 'no COMAR decision term is running to extend');
    case 'sre_opinion_requested':
      return filed ? null : 'type: no claim is filed';
    case 'sre_opinion_received':
      return need('sre_opinion', 'no SRE opinion was requested');
    case 'interview_scheduled':
      return filed ? null : 'type: no claim is filed';
    case 'weekly_signature_recorded':
      if (s.facts.detained) return 'type: the child is detained; signatures are suspended';
      return need('weekly_signature', 'no weekly signature is due on this case');
    case 'decision_notified':
      if (!filed) return 'type: no claim is filed';
      return s.facts.decision && s.phase !== 'appeal' ? 'type: a decision was already notified' : null;
    case 'recurso_revision_filed':
      return need('recurso_revision', 'no negative decision is open to appeal');
    case 'amparo_filed':
      return liveOf(s, 'amparo_term') || liveOf(s, 'amparo_now') ? null : 'type: no amparo term is running on this case';
    case 'nulidad_filed':
      return need('nulidad_term', 'no juicio de nulidad term is running on this case');
    case 'migration_procedure_resolved':
      return need('migration_procedure_answer', 'no migration procedure awaits an answer');
    case 'comar_notified_inm':
      return need('comar_notice_to_inm', "no claim awaits COMAR's notice to INM");
    case 'tvrh_issued':
      return need('tvrh_for_child', 'no humanitarian visitor card is owed on this case');
    case 'urgent_measures_ruled_by_court':
      return need('urgent_measures_court', 'no urgent measures await a court');
    case 'detention_started':
      return s.facts.detained ? 'type: the child is already detained' : null;
    case 'detention_ended': {
      if (!s.facts.detained) return 'type: the child is not detained';
      const started = s.facts.eventDates['detention_started'];
      return started && at < time.whenToMs(started) ? 'occurredAt: is before the detention started' : null;
    }
    case 'child_returned_to_origin':
      return s.facts.detained ? 'type: the child is detained: record detention_ended with its exit (returned or deported)' : null;
    case 'breach_followed_up':
      return s.deadlines.some((d) => isLive(d) && d.breachedAt && !d.followedUp) ? null : 'type: no breached deadline of this case awaits what happened next';
    case 'child_absent':
      return s.facts.absent ? 'type: the child is already recorded absent' : null;
    case 'child_returned':
      return s.facts.absent ? null : 'type: the child is not recorded absent';
    case 'assignment_changed':
      return s.assignments[e.role] === e.userId ? `userId: ${e.userId} is already the ${e.role}` : null;
    default:
      return null;
  }
}

export function nextPhase(s: CaseState, e: CaseEvent): Phase {
  switch (e.type) {
    case 'procuraduria_notified':
      return s.phase === 'intake' ? 'bid' : s.phase;
    case 'asylum_claim_filed':
      return 'asylum';
    case 'decision_notified':
      return 'decision';
    case 'recurso_revision_filed':
      return 'appeal';
    case 'placement_changed':
      return s.phase === 'decision' ? 'placement' : s.phase;
    case 'case_closed':
      return 'closed';
    default:
      return s.phase;
  }
}

export interface OpenRequest {
  deadlineId: string;
  ruleId: string;
  trigger: string;
  /** comar_decision_extended: the days the notice granted. */
  extensionDays?: number;
  /** weekly_signature: the weekday COMAR assigned. */
  weekday?: string;
}

export interface DeadlineEffects {
  open: OpenRequest[];
  meet: string[];
  extend: string[];
  suspend: string[];
  cancel: string[];
  /** Live deadlines this event breaches (rule `breach`): escalated at once, never met, left open. */
  breach: string[];
}

/** A later term that replaces a running one (the extension of COMAR's decision term). */
const SUPERSEDES: Record<string, string> = { comar_decision_extended: 'comar_decision' };
const RECURRING = 'weekly_signature';

/**
 * What the event does to the deadlines. `s.facts.eventDates` must already hold this event's dates, so
 * that terms counted from an earlier event (the extension counts from the filing) find them.
 */
export function deadlineEffects(s: CaseState, e: CaseEvent, time: MexicoTime = MEXICO_CITY_TIME): DeadlineEffects {
  const fx: DeadlineEffects = { open: [], meet: [], extend: [], suspend: [], cancel: [], breach: [] };
  const events = internalEvents(e);
  const live = s.deadlines.filter(isLive);

  if (e.type === 'case_closed') {
    fx.cancel = live.map((d) => d.deadlineId);
    return fx;
  }
  for (const d of live) {
    const rule = ruleOf(s, d.ruleId);
    if (rule && rule.satisfiedBy.some((ev) => events.includes(ev)) && allOfMet(s, rule, d.trigger, time)) fx.meet.push(d.deadlineId);
    else if (rule?.breach?.by.some((ev) => events.includes(ev)) && !d.breachedAt) fx.breach.push(d.deadlineId);
  }
  // A repeated notice to the Procuraduría (a new detention) does not reopen what the first one opened.
  const repeated = e.type === 'procuraduria_notified' ? s.deadlines.map((d) => d.ruleId) : [];
  for (const rule of s.rules) {
    if (!opensOn(rule, events)) continue;
    if (rule.id === RECURRING) continue; // opened below, with its occurrence number
    if (repeated.includes(rule.id)) continue;
    if (liveOf(s, rule.id) && !fx.meet.includes(liveOf(s, rule.id)!.deadlineId)) continue;
    const trigger = rule.countFromEvent ? (s.facts.eventDates[rule.countFromEvent] ?? e.occurredAt) : e.occurredAt;
    const extension = e.type === 'comar_extension_notified' && e.days !== undefined ? { extensionDays: e.days } : {};
    fx.open.push({ deadlineId: nextId(s, rule.id), ruleId: rule.id, trigger, ...extension });
    const replaced = SUPERSEDES[rule.id] && liveOf(s, SUPERSEDES[rule.id]!);
    if (replaced) fx.extend.push(replaced.deadlineId);
  }

  // Weekly signature: one occurrence at a time, counted from the last signature; none while detained.
  const signature = liveOf(s, RECURRING);
  const claimPending = !!s.facts.eventDates['asylum_claim_filed'] && !s.facts.decision;
  if (e.type === 'asylum_claim_filed' && !s.facts.detained) fx.open.push(nextSignature(s, e.occurredAt, e.signatureWeekday));
  if (e.type === 'weekly_signature_recorded') fx.open.push(nextSignature(s, e.occurredAt));
  if (e.type === 'detention_started' && signature) fx.suspend.push(signature.deadlineId);
  if (endsCustody(s, e) && claimPending) {
    const suspended = s.deadlines.find((d) => d.ruleId === RECURRING && d.status === 'suspended');
    if (suspended) fx.open.push(nextSignature(s, e.occurredAt));
  }
  if (e.type === 'decision_notified' && signature) fx.cancel.push(signature.deadlineId);
  return fx;
}

/** The next signature, on the weekday COMAR assigned (given with the claim, then kept on each occurrence). */
function nextSignature(s: CaseState, trigger: string, assigned?: string): OpenRequest {
  const previous = [...s.deadlines].reverse().find((d) => d.ruleId === RECURRING && d.weekday);
  const weekday = assigned ?? previous?.weekday;
  return { deadlineId: `${RECURRING}#${s.facts.signatureCount + 1}`, ruleId: RECURRING, trigger, ...(weekday ? { weekday } : {}) };
}

/**
 * All-of rules (e.g. the detention notice: the Procuraduría notified AND the child out of INM's hands):
 * every group must have one event recorded on or after the deadline's trigger day. `eventDates` already
 * holds the event being recorded. Rules without groups are any-of.
 */
function allOfMet(s: CaseState, rule: RuleSummary, trigger: string, time: MexicoTime): boolean {
  if (!rule.satisfiedWhenAll) return true;
  const from = time.dayStartMs(trigger);
  return rule.satisfiedWhenAll.every((group) =>
    group.some((ev) => s.facts.eventDates[ev] !== undefined && time.whenToMs(s.facts.eventDates[ev]!) >= from),
  );
}

/** 'comar_decision', then 'comar_decision#2' if the same rule opens again on this case. */
function nextId(s: CaseState, ruleId: string): string {
  const n = s.deadlines.filter((d) => d.ruleId === ruleId).length;
  return n === 0 ? ruleId : `${ruleId}#${n + 1}`;
}

export function ruleOf(s: CaseState, ruleId: string): RuleSummary | undefined {
  return s.rules.find((r) => r.id === ruleId);
}
