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
import { mexicoDayOf, mexicoTimeMs } from '../../domain/time/instant';
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

/** The figures without the measured items (what a dashboard shows: 1.9 MB less JSON at 50,000 cases). */
export function withoutMeasureLists(f: ProgramFigures): ProgramSummary {
  const summary = ({ measures: _items, ...d }: Distribution & { measures: Measure[] }): Distribution => d;
  return { ...f, comar: summary(f.comar), bid: summary(f.bid), detention: summary(f.detention) };
}

export type ProgramSummary = Omit<ProgramFigures, keyof MeasureFigures> & { comar: Distribution; bid: Distribution; detention: Distribution };

/** The measured items alone, by measure. */
export type MeasureLists = { [K in keyof MeasureFigures]: Measure[] };

/**
 * Computed figures as the API keeps them: the summary every page shows, and the whole with its measured items
 * (tens of thousands at 50,000 cases) read only by what lists them (the compliance CSV, `measures=1`).
 */
export interface KeptFigures {
  summary: ProgramSummary;
  whole(): ProgramFigures;
}

export const keptFigures = (f: ProgramFigures): KeptFigures => ({ summary: withoutMeasureLists(f), whole: () => f });

/** The measured items apart from the summary (the figures thread sends them as one string). */
export const measureListsOf = (f: ProgramFigures): MeasureLists => ({ comar: f.comar.measures, bid: f.bid.measures, detention: f.detention.measures });

/** The whole figures from a summary and its measured items. */
export const withMeasureLists = (s: ProgramSummary, m: MeasureLists): ProgramFigures => ({
  ...s,
  comar: { ...s.comar, measures: m.comar },
  bid: { ...s.bid, measures: m.bid },
  detention: { ...s.detention, measures: m.detention },
});

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** An instant that says its offset: the platform reads it exactly; one without is Mexico City time (luxon reads that one). */
const OFFSET_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an event's `at`: a date is the start of that day in Mexico City. */
const msOf = (at: string) =>
  DATE_ONLY.test(at) ? mexicoTimeMs(at, '00:00') : OFFSET_INSTANT.test(at) ? Date.parse(at) : DateTime.fromISO(at, { zone: MX_ZONE }).toMillis();
/** The Mexico City day of an event's `at`. */
const dateOf = (at: string) => (DATE_ONLY.test(at) ? at : mexicoDayOf(msOf(at)));
/** Calendar days from one date to another. */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** A function remembered by its argument: thousands of events share their dates, and luxon's zone arithmetic was most of the measures' time (issue 28). */
function remembered<T>(f: (at: string) => T): (at: string) => T {
  const seen = new Map<string, T>();
  return (at) => {
    let v = seen.get(at);
    if (v === undefined) seen.set(at, (v = f(at)));
    return v;
  };
}

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

export interface MeasureInput {
  cases: FigureCase[];
  deadlines: FigureDeadline[];
  events: FigureEvent[];
  overlays: Overlay[];
  now: Date;
}

/** The measures, all at once (tests, small scopes). */
export function measureFigures(input: MeasureInput): MeasureFigures {
  const steps = measureSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The measures, letting other requests in every SLICE items: at 50,000 cases they are tens of thousands of
 * rows, and /api/health must answer within 50 ms while dashboards load (issue 28).
 */
export async function measureFiguresYielding(input: MeasureInput): Promise<MeasureFigures> {
  const steps = measureSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Items worked between two yields: a few milliseconds of work. */
const SLICE = 2_000;

/** The measures, yielding between slices of the work (what it yields is nothing: only the pause). */
function* measureSteps(input: MeasureInput): Generator<void, MeasureFigures, void> {
  const { cases, deadlines, events, now } = input;
  let done = 0;
  const paused = () => ++done % SLICE === 0;
  const dayOf = remembered(dateOf);
  const instantMs = remembered(msOf);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const extendedOf = new Map(deadlines.filter((x) => x.ruleId === 'comar_decision_extended').map((x) => [x.caseId, x]));
  // Each case's events of a type in the order they happened (grouped first: a few to sort, not all of them).
  const byCaseAndType = new Map<string, FigureEvent[]>();
  for (const e of events) {
    const key = `${e.caseId}\u0000${e.type}`;
    const group = byCaseAndType.get(key);
    if (group) group.push(e);
    else byCaseAndType.set(key, [e]);
    if (paused()) yield;
  }
  for (const group of byCaseAndType.values()) {
    group.sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq);
    if (paused()) yield;
  }
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
    if (paused()) yield;
    const c = caseById.get(d.caseId);
    const extended = extendedOf.get(d.caseId);
    const governing = extended ?? d;
    const decision = eventsOf(d.caseId, 'decision_notified').find((e) => dayOf(e.at) >= d.trigger);
    if (!decision && (c?.closed || !isLive(governing))) continue; // closed or dropped without a decision: no measure
    const end = decision ? dayOf(decision.at) : today;
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
    if (paused()) yield;
    const c = caseById.get(notice.caseId);
    const issued = eventsOf(notice.caseId, 'bid_issued').find((e) => dayOf(e.at) >= dayOf(notice.at));
    if (!issued && c?.closed) continue;
    const start = dayOf(notice.at);
    const end = issued ? dayOf(issued.at) : today;
    const days = daysBetween(start, end);
    bid.push({ caseId: notice.caseId, office: c?.office ?? null, start, end: issued ? end : null, value: days, limit: 30, over: days > 30, pending: !issued });
  }

  // Detention: each start to the next end, in hours; still detained counts until now.
  const detention: Measure[] = [];
  for (const start of events.filter((e) => e.type === 'detention_started')) {
    if (paused()) yield;
    const c = caseById.get(start.caseId);
    const ended = eventsOf(start.caseId, 'detention_ended').find((e) => instantMs(e.at) >= instantMs(start.at));
    if (!ended && !c?.detained) continue;
    const from = instantMs(start.at);
    const to = ended ? instantMs(ended.at) : now.getTime();
    const hours = Math.round(((to - from) / 3_600_000) * 10) / 10;
    detention.push({ caseId: start.caseId, office: c?.office ?? null, start: new Date(from).toISOString(), end: ended ? new Date(to).toISOString() : null, value: hours, limit: 36, over: hours > 36, pending: !ended });
  }

  yield;
  const comarFigures = distribution(comar, [15, 30, 45, 60, 90]);
  yield;
  const bidFigures = distribution(bid, [15, 30, 45, 60]);
  yield;
  return { comar: comarFigures, bid: bidFigures, detention: distribution(detention, [12, 24, 36, 48]) };
}
