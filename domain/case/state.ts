/** The case as the workflow holds it. Plain types: they travel in Temporal payloads and queries. */
import type { SkippedDay } from '../deadlines';
import type { LadderStep, StepSeries } from '../ladder/ladder';
import type { Role } from '../ladder/policy';
import type { Assignments, CaseEvent, CaseEventType, CaseIntake, Phase } from './events';
import type { TimelineDetail } from './timelineDetail';

export type DeadlineStatus = 'open' | 'missed' | 'met' | 'extended' | 'suspended' | 'cancelled';

/** One rule of the case's rule pack, as far as the workflow needs it (loaded by an activity). */
export interface RuleSummary {
  id: string;
  title: string;
  triggerEvent: string;
  /** Further events that open it (packs from mx-2027.2: amparo_now on a child's detention). */
  alsoTriggeredBy?: string[];
  countFromEvent?: string;
  satisfiedBy: string[];
  /** All-of groups (each: any one of its events), each seen on or after the deadline's trigger day. */
  satisfiedWhenAll?: string[][];
  /** Events that end INM custody: the case leaves detention (mx-2027.2: channelling to DIF). */
  custodyEndedBy?: string[];
  /** Events that breach it while it is live and unmet: escalated at once to these roles, never met (mx-2027.2). */
  breach?: { by: string[]; escalateTo: Role[] };
  unit: string;
  kind: 'law' | 'program_target';
  citation: string;
}

/** When a day-counted term's last day closes: the office's hour in its zone (office-hours) or 24:00 (until-midnight), and why. */
export interface DueClose {
  filing: 'office-hours' | 'until-midnight';
  closesAt: string;
  zone: string;
  source: string;
}

/** What the deadline activity computed: recorded in history, so replay never recomputes. */
export interface ComputedDeadline {
  deadlineId: string;
  ruleId: string;
  trigger: string;
  due: string;
  dueLatest: string;
  dueInstant: string;
  dueLatestInstant: string;
  reason?: string;
  citation: string;
  kind: 'law' | 'program_target';
  unit: string;
  length: number;
  calendar: string;
  rulePack: string;
  skipped: SkippedDay[];
  overlaysApplied: { id: string; citation: string }[];
  /** The days the extension notice granted (comar_decision_extended), kept so a recount uses them. */
  extensionDays?: number;
  /** The weekday COMAR assigned for signing (weekly_signature), kept so a recount uses it. */
  weekday?: string;
  /** What a lawyer reads: term, calendar, skipped days, closures used, the difference to dueLatest. */
  explanation?: string;
  term?: string;
  warnings?: string[];
  /** When the due day closes (the office's hour and zone, or 24:00) and why; absent: 23:59:59 Mexico City. */
  filing?: DueClose;
  steps: LadderStep[];
  missAt: number | null;
}

export interface DeadlineState extends ComputedDeadline {
  title: string;
  status: DeadlineStatus;
  openedAt: string;
  resolvedAt?: string;
  /** Met after it was missed. */
  late?: boolean;
  /** When an event breached it (rule `breach`): escalated then, open until a person records what happened. */
  breachedAt?: string;
  /** What happened after the breach (event breach_followed_up): its alarm stopped then; still missed, as evidence. */
  followedUp?: { followUp: string; at: string };
  /** Step ids already sent, or passed over (before the deadline was opened, or acknowledged). */
  done: string[];
  /** Step ids whose moment had passed before the case was in Plazo: never sent, in the one summary instead. */
  notSent?: string[];
  acks: AckState[];
  /** A rule-pack change that would move it later or stop counting it: waits for a person (packMove.ts). */
  pendingPack?: PendingPackChange;
  /** Rule packs whose change to this deadline a person refused: not proposed again. */
  refusedPacks?: string[];
}

/** What a newer rule pack would do to a deadline, held until a person accepts or refuses it. */
export interface PendingPackChange {
  rulePack: string;
  action: 'update' | 'delete';
  /** The deadline as the pack counts it ('update'). */
  after?: ComputedDeadline;
  reason: string;
  proposedAt: string;
  proposedBy: string;
}

export interface AckState {
  series: StepSeries;
  by: string;
  at: string;
  /** Whose repeats stop. Absent in acknowledgements taken before they were per person (they silenced the series). */
  for?: string;
  withdrawn?: { by: string; at: string; reason: string };
}

export interface TimelineEntry {
  seq: number;
  /** When it happened (events) or when the workflow did it (system entries). */
  at: string;
  recordedAt: string;
  by: string;
  type: CaseEventType | 'case_opened' | 'deadline_opened' | 'deadline_met' | 'deadline_missed' | 'deadline_moved' | 'deadline_extended'
    | 'deadline_suspended' | 'deadline_cancelled' | 'notification_sent' | 'notification_not_sent' | 'summary_sent' | 'acknowledged' | 'acknowledgement_withdrawn' | 'escalated' | 'rules_recomputed'
    | 'event_corrected' | 'event_voided';
  /** In English, as recorded: what entries without `detail` are read from, and what the API has always given. */
  summary: string;
  deadlineId?: string;
  /** What it says, as data, read in the reader's language (timelineDetail.ts); absent in runs recorded before. */
  detail?: TimelineDetail;
}

export interface CaseFacts {
  entryDate?: string;
  /** occurredAt of every internal event seen, for terms that count from an earlier event. */
  eventDates: Record<string, string>;
  detained: boolean;
  absent: boolean;
  placement?: string;
  /** Every placement recorded, in the order they began (absent in states from before the placement history). */
  placements?: Placement[];
  interviewAt?: string;
  decision?: string;
  signatureCount: number;
}

/** Where the child lived from `from` (the placement event's occurredAt) until the next placement began. */
export interface Placement {
  /** Absent on placements recorded before they had a kind. */
  kind?: string;
  place: string;
  from: string;
}

export interface CaseState {
  caseId: string;
  rulePack: string;
  child: CaseIntake['child'];
  office?: string;
  /** The organization's own file number (expediente), if given at intake. */
  fileNumber?: string;
  organization?: string;
  phase: Phase;
  closed?: { reason: string; at: string };
  assignments: Assignments;
  facts: CaseFacts;
  rules: RuleSummary[];
  deadlines: DeadlineState[];
  timeline: TimelineEntry[];
  seq: number;
  /** When the case was opened (absent in states carried over from before this field). */
  openedAt?: string;
  /**
   * When the workflow took the case over (epoch ms). Steps whose moment passed before it are not sent:
   * a case entered while already under way gets one summary per recipient instead. Absent in runs
   * recorded before this rule.
   */
  inPlazoSince?: number;
  /** The summary of what was not sent: when it goes out (after the last backdated entry has settled). */
  importSummary?: { at: number; sent: boolean };
  /**
   * The import that opened the case (a digest of its sheet): the import sends one summary per person of
   * all its cases, so the case sends none of its own. Absent for cases opened one by one.
   */
  importRun?: string;
  /**
   * The events in force, in the order recorded, each under the timeline seq it was first recorded with:
   * what a correction rebuilds the case from. Absent in states from before corrections.
   */
  events?: { seq: number; event: CaseEvent }[];
  /** Timeline entries carry their `detail` (runs patched 'timeline-as-data'); absent in runs recorded before. */
  timelineData?: true;
  /**
   * 'dispatcher': the steps go out through the dispatcher across cases (workflows/stepDispatcher.ts), the case
   * waking for them only DISPATCHER_GRACE_MS later (domain/case/steps.ts). Set at opening (runs patched
   * 'steps-by-dispatcher', where the worker says so); absent: the case's own timer sends them.
   */
  stepsBy?: 'dispatcher';
  /**
   * With stepsBy 'dispatcher': the case does not wake for each step the dispatcher sends, only once after the
   * last of the steps within NOTING_SPAN_MS of its first pending one (domain/case/steps.ts), and notes them
   * then, or at its next Update or miss instant, whichever comes first. A step the dispatcher could not send is handed back by a
   * signal (the dispatcher's round, the engine reconciler). Set at opening (runs patched 'dispatched-steps-noted-later').
   */
  notedLater?: true;
}
