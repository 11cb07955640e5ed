/**
 * The program dashboard's figures, drawn from the cases in the caller's scope (the caller checks view_program).
 * Postgres counts the caseload; only the rows the measures need (COMAR terms, five event types) are read.
 */
import type { Db } from '../../db/database';
import { caseScope, seesEveryCase } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';
import { corrections } from '../caseTimeline';
import type { TimelineDetail } from '../../domain/case/timelineDetail';
import { contextFor } from '../remainingContext';
import { loadBreaches } from './loadBreaches';
import { loadCaseload } from './loadCaseload';
import { MEASURED_RULES, measureFigures, type FigureCase, type ProgramFigures } from './programFigures';

const EVENT_TYPES = ['decision_notified', 'procuraduria_notified', 'bid_issued', 'detention_started', 'detention_ended'];
/** A corrected event counts at its corrected date; a voided one not at all. */
const CORRECTIONS = ['event_corrected', 'event_voided'];

export async function loadProgramFigures(db: Db, user: AuthUser, now = new Date()): Promise<ProgramFigures> {
  const [caseload, breaches, deadlines, events, ctx] = await Promise.all([
    loadCaseload(db, user, now),
    loadBreaches(db, user, now),
    deadlinesInScope(db, user)
      .where('case_deadlines.rule_id', 'in', MEASURED_RULES)
      .select(['case_deadlines.case_id', 'case_deadlines.rule_id', 'case_deadlines.status', 'case_deadlines.calendar', 'case_deadlines.trigger', 'case_deadlines.due_latest', 'cases.office', 'cases.detained', 'cases.closed_at'])
      .execute(),
    db
      .selectFrom('case_timeline')
      .innerJoin('cases', 'cases.id', 'case_timeline.case_id')
      .select(['case_timeline.case_id', 'case_timeline.type', 'case_timeline.at', 'case_timeline.seq', 'case_timeline.by', 'case_timeline.summary', 'case_timeline.detail', 'case_timeline.recorded_at', 'cases.office', 'cases.detained', 'cases.closed_at'])
      .where(caseScope(user))
      .where('case_timeline.type', 'in', [...EVENT_TYPES, ...CORRECTIONS])
      .execute()
      .then(correctedEvents),
    contextFor(db),
  ]);
  // The measured cases, from the rows that name them (each row carries its case's columns).
  const cases = new Map<string, FigureCase>();
  for (const r of [...deadlines, ...events]) cases.set(r.case_id, { id: r.case_id, office: r.office, detained: r.detained, closed: r.closed_at !== null });
  const measures = measureFigures({
    cases: [...cases.values()],
    deadlines: deadlines.map((d) => ({ caseId: d.case_id, ruleId: d.rule_id, status: d.status, calendar: d.calendar, trigger: d.trigger, dueLatest: d.due_latest })),
    events: events.map((e) => ({ caseId: e.case_id, type: e.type, at: e.at, seq: e.seq })),
    overlays: ctx.overlays,
    now,
  });
  return { at: now.toISOString(), ...caseload, breaches, ...measures };
}

/** The figures being computed now, per database and scope: requests that arrive meanwhile share them. */
const inFlight = new WeakMap<Db, Map<string, Promise<ProgramFigures>>>();

/**
 * The figures as of now for the dashboard and /api/program. Five dashboards opened at once over the same
 * scope (every admin and director share the registry's) are one computation, not five each holding the
 * event loop in turn (issue 28: /api/health waited behind them). Nothing is kept once it is answered: the
 * next request computes afresh.
 */
export function currentProgramFigures(db: Db, user: AuthUser): Promise<ProgramFigures> {
  const key = seesEveryCase(user) ? 'registry' : `${user.role}:${user.id}`;
  let running = inFlight.get(db);
  if (!running) inFlight.set(db, (running = new Map()));
  const shared = running.get(key);
  if (shared) return shared;
  const computing = loadProgramFigures(db, user).finally(() => running.delete(key));
  running.set(key, computing);
  return computing;
}

/** The measured events as corrected: at the corrected date, voided ones left out (app/caseTimeline.ts reads the corrections). */
function correctedEvents<R extends { case_id: string; type: string; at: string; seq: number; by: string; summary: string; detail: TimelineDetail | null; recorded_at: Date }>(rows: R[]): R[] {
  const byCase = new Map<string, R[]>();
  for (const r of rows) byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), r]);
  return [...byCase.values()].flatMap((caseRows) => {
    const fixes = corrections(caseRows.map((r) => ({ seq: r.seq, at: r.at, recordedAt: r.recorded_at.toISOString(), by: r.by, type: r.type, summary: r.summary, deadlineId: null, detail: r.detail })));
    return caseRows.flatMap((r) => {
      if (!EVENT_TYPES.includes(r.type)) return [];
      const fix = fixes.get(r.seq);
      if (fix?.how === 'voided') return [];
      return [fix?.nowAt ? { ...r, at: fix.nowAt } : r];
    });
  });
}
