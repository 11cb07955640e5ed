/**
 * The ladder's clock: which steps are due at `now`, which deadlines became missed, when to wake next,
 * and the timeline entry of a delivery. The workflow sends what `fireDueSteps` returns.
 */
import type { Role } from '../ladder/policy';
import type { StepSeries } from '../ladder/ladder';
import { draftOf, dueText, note } from './draft';
import type { CaseState, DeadlineState, TimelineEntry } from './state';
import { isLive } from './upcoming';

/** One ladder step to send: with the recipient appended, `idempotencyBase` is the message's key. */
export interface StepDelivery {
  idempotencyBase: string;
  kind: StepSeries;
  recipients: Role[];
  deadlineId: string;
  stepId: string;
  stepAt: number;
  /** People who acknowledged this series: the step is not sent to them. */
  except?: string[];
}

/** The one summary of what was not sent because it was due before the case was in Plazo. */
export interface SummaryDelivery {
  idempotencyBase: string;
  recipients: Role[];
  deadlineIds: string[];
}

const summaryDue = (s: CaseState, now: number) => !!s.importSummary && !s.importSummary.sent && s.importSummary.at <= now;

const isDue = (d: DeadlineState, now: number) =>
  isLive(d) && ((d.status === 'open' && d.missAt !== null && d.missAt <= now) || d.steps.some((st) => st.at <= now && !d.done.includes(st.id)));

/**
 * Marks the deadlines missed and the steps sent at `now`; the case is returned as is when nothing is due.
 * An acknowledgement keeps a step from the person who took it, and from nobody else; `legacy` keeps the
 * rule of histories recorded before that (an acknowledged series was not sent at all).
 */
export function fireDueSteps(s: CaseState, now: number, legacy = false): { state: CaseState; deliveries: StepDelivery[]; summary?: SummaryDelivery } {
  if (!s.deadlines.some((d) => isDue(d, now)) && !summaryDue(s, now)) return { state: s, deliveries: [] };
  const next = draftOf(s);
  const deliveries: StepDelivery[] = [];
  const summary = summaryDue(next, now) ? summarize(next, now) : undefined;
  for (const d of next.deadlines) {
    if (!isLive(d)) continue;
    if (d.status === 'open' && d.missAt !== null && d.missAt <= now) {
      d.status = 'missed';
      note(next, { at: new Date(d.missAt).toISOString(), by: 'system', type: 'deadline_missed', deadlineId: d.deadlineId, summary: `${d.title}: missed (was due ${dueText(d)})`, detail: { kind: 'deadline_missed', due: d.due, dueLatest: d.dueLatest } }, now);
    }
    for (const step of d.steps) {
      if (step.at > now || d.done.includes(step.id)) continue;
      d.done.push(step.id);
      const delivery = stepDelivery(next, d, step, legacy);
      if (delivery) deliveries.push(delivery);
    }
  }
  return { state: next, deliveries, ...(summary ? { summary } : {}) };
}

/**
 * A step as it goes out if it fires with the case as it is: its key, and its recipients less those who
 * acknowledged. Null when nobody is left to tell. The one place both the case's clock (fireDueSteps) and the
 * dispatcher's outbox (pendingSteps) read it from, so the two cannot say different things.
 */
function stepDelivery(s: CaseState, d: DeadlineState, step: DeadlineState['steps'][number], legacy: boolean): StepDelivery | null {
  const base = { idempotencyBase: `${s.caseId}/${d.deadlineId}/${d.dueInstant}/${step.id}`, kind: step.series, deadlineId: d.deadlineId, stepId: step.id, stepAt: step.at };
  if (legacy) {
    if (d.acks.some((a) => a.series === step.series)) return null; // acknowledged: its repeats stop
    return { ...base, recipients: step.recipients };
  }
  const except = d.acks.filter((a) => a.series === step.series && !a.withdrawn).map((a) => a.for ?? a.by);
  // An assigned role whose person acknowledged is dropped; directors are many, the activity skips them by id.
  const recipients = step.recipients.filter((r) => r === 'director' || !except.includes(s.assignments[r]));
  if (recipients.length === 0) return null;
  return { ...base, recipients, ...(except.length ? { except } : {}) };
}

/**
 * The steps not sent yet on the live deadlines, as each would go out if it fired now (what the dispatcher's
 * outbox holds for a case whose steps it sends: state.stepsBy 'dispatcher').
 */
export function pendingSteps(s: CaseState): StepDelivery[] {
  const out: StepDelivery[] = [];
  for (const d of s.deadlines) {
    if (!isLive(d)) continue;
    for (const step of d.steps) {
      if (d.done.includes(step.id)) continue;
      const delivery = stepDelivery(s, d, step, false);
      if (delivery) out.push(delivery);
    }
  }
  return out;
}

/**
 * How long after a step's instant a case whose steps the dispatcher sends wakes for it itself: the dispatcher
 * sends at the instant and the case, waking then, finds it sent (the ledger) and notes it; if the dispatcher
 * is stopped, or left the step to the case (an SMTP failure), the case sends it, this late at most.
 */
export const DISPATCHER_GRACE_MS = 2 * 60_000;

/**
 * The dispatcher's round waits for a step due within this of the last one and sends it, rather than ending
 * (activities/stepDispatch.ts), and its workflow starts the next round at once for one due that soon rather
 * than setting a timer (issue 28's window among 50,000, a step due every 50 ms, ran p50 1.06 s with a timer
 * and a new round between each two).
 */
export const DISPATCHER_FOLLOW_GAP_MS = 1_000;

/**
 * Marks the summary sent and says what it covers: the live deadlines with steps not sent, to everyone
 * those steps were for. Deadlines met or closed meanwhile are left out; with none left, nothing goes out.
 * A case opened by an import sends nothing: the import's summary per person covers it (app/import/importSummary.ts).
 */
function summarize(s: CaseState, now: number): SummaryDelivery | undefined {
  s.importSummary = { at: s.importSummary!.at, sent: true };
  const covered = s.deadlines.filter((d) => isLive(d) && d.notSent?.length);
  const recipients = [...new Set(covered.flatMap((d) => d.steps.filter((st) => d.notSent!.includes(st.id)).flatMap((st) => st.recipients)))];
  if (s.importRun && covered.length > 0) {
    note(s, { at: new Date(now).toISOString(), by: 'system', type: 'summary_sent', summary: `covered by the summary of import ${s.importRun}`, detail: { kind: 'import_summary', importRun: s.importRun } }, now);
    return undefined;
  }
  if (covered.length === 0 || recipients.length === 0) {
    note(s, { at: new Date(now).toISOString(), by: 'system', type: 'summary_sent', summary: 'no summary: nothing not sent is still open', detail: { kind: 'no_summary' } }, now);
    return undefined;
  }
  return { idempotencyBase: `${s.caseId}/summary/before-plazo`, recipients, deadlineIds: covered.map((d) => d.deadlineId) };
}

/**
 * How far past its first pending step a case whose steps the dispatcher sends and notes later (state.notedLater)
 * looks for the last step it notes in one wake. A week: a deadline overdue gets a step every business day at 09:00
 * (a day's span would still wake every case every other morning), a detained child's alarm every four hours. The
 * outbox holds the steps up to that wake (a detained child's week of alarms: ~90 rows, written once). What the case
 * has not noted is shown from the outbox and the ledger (app/cases/dispatchedNotNoted.ts), its "I'm on it" taken
 * (acknowledgements.ts), its next step moved on by the dispatcher (db/stepOutbox.ts advanceNextSteps); an Update or
 * a miss instant notes it sooner.
 */
export const NOTING_SPAN_MS = 7 * 24 * 3_600_000;

/**
 * The next instant something is due: a step to send or a deadline to mark missed. A case whose steps the
 * dispatcher sends wakes for a step only DISPATCHER_GRACE_MS after it (its miss instants stay on time); one that
 * notes them later (notedLater) wakes once after the last step within NOTING_SPAN_MS of its first pending one:
 * at 09:00 the dispatcher sends and no case wakes.
 */
export function nextWake(s: CaseState): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => (next = next === undefined ? t : Math.min(next, t));
  const stepGrace = s.stepsBy === 'dispatcher' ? DISPATCHER_GRACE_MS : 0;
  const pending: number[] = [];
  for (const d of s.deadlines) {
    if (!isLive(d)) continue;
    if (d.status === 'open' && d.missAt !== null) consider(d.missAt);
    for (const st of d.steps) if (!d.done.includes(st.id)) pending.push(st.at);
  }
  if (s.stepsBy === 'dispatcher' && s.notedLater && pending.length > 0) {
    const first = Math.min(...pending);
    consider(Math.max(...pending.filter((t) => t <= first + NOTING_SPAN_MS)) + DISPATCHER_GRACE_MS);
  } else for (const t of pending) consider(t + stepGrace);
  if (s.importSummary && !s.importSummary.sent) consider(s.importSummary.at);
  return next;
}

type Reached = { deadlineId?: string; label: string; beforePlazoSummary?: boolean; sent: { role: Role; userId: string }[]; unreachable: Role[]; at?: string };

/**
 * The timeline entry saying who a message reached: noted by the case, and shown by the read side for a step the
 * dispatcher sent that its case has not noted yet (app/cases/dispatchedNotNoted.ts), in the same words.
 */
export function deliveryEntry(m: Reached, now: number): Omit<TimelineEntry, 'seq' | 'recordedAt'> {
  const to = m.sent.map((x) => `${x.role} ${x.userId}`).join(', ') || 'nobody';
  const missing = m.unreachable.length ? `; nobody to tell as ${m.unreachable.join(', ')}` : '';
  // When it went out: the dispatcher's sending, read from the ledger, for a step the case notes after it.
  return { at: m.at ?? new Date(now).toISOString(), by: 'system', type: 'notification_sent', deadlineId: m.deadlineId, summary: `${m.label} sent to ${to}${missing}`, detail: { kind: 'delivery', what: m.label, ...(m.beforePlazoSummary ? { beforePlazoSummary: true } : {}), to: m.sent.map((x) => ({ role: x.role, userId: x.userId })), unreachable: [...m.unreachable] } };
}

/** Who a message reached, on the timeline. */
export function noteDelivery(s: CaseState, m: Reached, now: number): CaseState {
  const next = draftOf(s);
  note(next, deliveryEntry(m, now), now);
  return next;
}
