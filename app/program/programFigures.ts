/**
 * The program's numbers, from the read model: caseload (open, overdue, detained now, due in the next 7 days, by
 * office, caseworker and phase) and the evidence the policy reports had to build by hand — how long COMAR
 * takes to decide against its 45/90 business-day terms, how long from the Procuraduría's notice to the BID,
 * how long children stay detained. Pure: the caller loads the rows (programQueries.ts).
 *
 * "Late" is conservative: a decision is late only after the latest plausible due date (dueLatest, the most
 * generous reading of the calendars), so the figures never overstate a delay.
 *
 * The caseload is counted in SQL (loadCaseload.ts); the measures need the business-day calendars, so they
 * are worked out here, in one pass over the rows, each case's rows looked up by its id.
 */
import type { BreachCount } from './loadBreaches';
import { DateTime } from 'luxon';
import { buildCalendar, getRule, MX_ZONE, type CalendarId, type Overlay } from '../../domain';
import { todayInMexico } from '../../domain/messages/dateWords';
import { isLive } from '../../domain/case/upcoming';

/** What the measures need of a case. */
export interface FigureCase {
  id: string;
  office: string | null;
  detained: boolean;
  closed: boolean;
}

/** A COMAR term (comar_decision or comar_decision_extended): the only deadlines the measures read. */
export interface FigureDeadline {
  caseId: string;
  ruleId: string;
  status: string;
  calendar: string;
  trigger: string;
  dueLatest: string;
}

export const MEASURED_RULES = ['comar_decision', 'comar_decision_extended'];

/** Timeline events the figures are drawn from (their `at`: when it happened). */
export interface FigureEvent {
  caseId: string;
  type: string;
  at: string;
  seq: number;
}

export interface Caseload {
  open: number;
  overdue: number;
  detained: number;
  dueThisWeek: number;
}

export type Breakdown = { key: string; label: string } & Caseload;

export interface Measure {
  caseId: string;
  office: string | null;
  start: string;
  end: string | null;
  /** Business days (COMAR), calendar days (BID) or hours (detention); until now when still pending. */
  value: number;
  limit: number;
  over: boolean;
  pending: boolean;
}

export interface Distribution {
  n: number;
  over: number;
  /** Share over the limit, 0–1 (null with no cases). */
  shareOver: number | null;
  median: number | null;
  bins: { label: string; count: number }[];
  /** The same bins for the pending ones, measured until now. */
  pendingBins: { label: string; count: number }[];
  pending: number;
  pendingOver: number;
}

export interface MeasureFigures {
  comar: Distribution & { measures: Measure[] };
  bid: Distribution & { measures: Measure[] };
  detention: Distribution & { measures: Measure[] };
}

export interface ProgramFigures extends MeasureFigures {
  at: string;
  caseload: Caseload;
  byOffice: Breakdown[];
  byCaseworker: Breakdown[];
  byPhase: Breakdown[];
  /** Authorities' overdue duties by actor (loadBreaches.ts). */
  breaches: BreachCount[];
}

const dateOf = (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? at : DateTime.fromISO(at, { zone: MX_ZONE }).toISODate()!);
const instantOf = (at: string) => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? DateTime.fromISO(at, { zone: MX_ZONE }).startOf('day') : DateTime.fromISO(at, { zone: MX_ZONE }));

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Bins with upper bounds `edges` (inclusive) and one open bin above the last. */
function binned(values: number[], edges: number[]): { label: string; count: number }[] {
  const labels = edges.map((e, i) => `${i === 0 ? 0 : edges[i - 1]! + 1}–${e}`).concat(`>${edges[edges.length - 1]}`);
  const counts = labels.map(() => 0);
  for (const v of values) {
    const i = edges.findIndex((e) => v <= e);
    counts[i === -1 ? edges.length : i]!++;
  }
  return labels.map((label, i) => ({ label, count: counts[i]! }));
}

function distribution(measures: Measure[], edges: number[]): Distribution & { measures: Measure[] } {
  const done = measures.filter((m) => !m.pending);
  const over = done.filter((m) => m.over).length;
  const pending = measures.filter((m) => m.pending);
  return {
    n: done.length,
    over,
    shareOver: done.length ? over / done.length : null,
    median: median(done.map((m) => m.value)),
    bins: binned(done.map((m) => m.value), edges),
    pendingBins: binned(pending.map((m) => m.value), edges),
    pending: pending.length,
    pendingOver: pending.filter((m) => m.over).length,
    measures,
  };
}

/** Rows grouped by a key, each group in the order given. */
function groupBy<T>(rows: T[], keyOf: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = out.get(k);
    if (g) g.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function measureFigures(input: { cases: FigureCase[]; deadlines: FigureDeadline[]; events: FigureEvent[]; overlays: Overlay[]; now: Date }): MeasureFigures {
  const { cases, deadlines, events, now } = input;
  const nowMx = DateTime.fromJSDate(now, { zone: MX_ZONE });
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const extendedOf = new Map(deadlines.filter((x) => x.ruleId === 'comar_decision_extended').map((x) => [x.caseId, x]));
  const byCaseAndType = groupBy(
    [...events].sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq),
    (e) => `${e.caseId}\u0000${e.type}`,
  );
  const eventsOf = (caseId: string, type: string) => byCaseAndType.get(`${caseId}\u0000${type}`) ?? [];
  const today = todayInMexico(now);
  const calendars = new Map<string, ReturnType<typeof buildCalendar>>();
  const calendarOf = (d: FigureDeadline) => {
    const key = `${d.calendar}\u0000${d.ruleId}`;
    let cal = calendars.get(key);
    if (!cal) calendars.set(key, (cal = buildCalendar(d.calendar as CalendarId, { overlays: input.overlays, agency: getRule(d.ruleId).agency, ruleId: d.ruleId })));
    return cal;
  };
  // Business days counted once per calendar and pair of dates: thousands of pending terms share a start
  // day and end today, and the count walks every day between (the dashboard at 50,000 cases, issue 28).
  const counted = new Map<string, number>();
  const businessDaysBetween = (d: FigureDeadline, from: string, to: string) => {
    const key = `${d.calendar}\u0000${d.ruleId}\u0000${from}\u0000${to}`;
    let n = counted.get(key);
    if (n === undefined) counted.set(key, (n = calendarOf(d).businessDaysBetween(from, to)));
    return n;
  };

  // COMAR: from the claim (the comar_decision trigger) to the decision, in business days on the term's calendar.
  const comar: Measure[] = [];
  for (const d of deadlines.filter((x) => x.ruleId === 'comar_decision')) {
    const c = caseById.get(d.caseId);
    const extended = extendedOf.get(d.caseId);
    const governing = extended ?? d;
    const decision = eventsOf(d.caseId, 'decision_notified').find((e) => dateOf(e.at) >= d.trigger);
    if (!decision && (c?.closed || !isLive(governing))) continue; // closed or dropped without a decision: no measure
    const end = decision ? dateOf(decision.at) : today;
    comar.push({
      caseId: d.caseId,
      office: c?.office ?? null,
      start: d.trigger,
      end: decision ? end : null,
      value: businessDaysBetween(d, d.trigger, end),
      limit: extended ? 90 : 45,
      over: end > governing.dueLatest,
      pending: !decision,
    });
  }

  // BID: from the Procuraduría's notice to the best-interests determination, in calendar days.
  const bid: Measure[] = [];
  for (const notice of events.filter((e) => e.type === 'procuraduria_notified')) {
    const c = caseById.get(notice.caseId);
    const issued = eventsOf(notice.caseId, 'bid_issued').find((e) => dateOf(e.at) >= dateOf(notice.at));
    if (!issued && c?.closed) continue;
    const start = dateOf(notice.at);
    const end = issued ? dateOf(issued.at) : today;
    const days = Math.round(DateTime.fromISO(end).diff(DateTime.fromISO(start), 'days').days);
    bid.push({ caseId: notice.caseId, office: c?.office ?? null, start, end: issued ? end : null, value: days, limit: 30, over: days > 30, pending: !issued });
  }

  // Detention: each start to the next end, in hours; still detained counts until now.
  const detention: Measure[] = [];
  for (const start of events.filter((e) => e.type === 'detention_started')) {
    const c = caseById.get(start.caseId);
    const ended = eventsOf(start.caseId, 'detention_ended').find((e) => instantOf(e.at) >= instantOf(start.at));
    if (!ended && !c?.detained) continue;
    const from = instantOf(start.at);
    const to = ended ? instantOf(ended.at) : nowMx;
    const hours = Math.round(to.diff(from, 'hours').hours * 10) / 10;
    detention.push({ caseId: start.caseId, office: c?.office ?? null, start: from.toUTC().toISO()!, end: ended ? to.toUTC().toISO()! : null, value: hours, limit: 36, over: hours > 36, pending: !ended });
  }

  return {
    comar: distribution(comar, [15, 30, 45, 60, 90]),
    bid: distribution(bid, [15, 30, 45, 60]),
    detention: distribution(detention, [12, 24, 36, 48]),
  };
}
