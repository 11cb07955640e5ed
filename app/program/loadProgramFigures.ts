/**
 * The program dashboard's figures, drawn from the cases in the caller's scope (the caller checks view_program).
 * Postgres counts the caseload; only the rows the measures need (COMAR terms, five event types) are read.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';
import { corrections } from '../caseTimeline';
import type { TimelineDetail } from '../../domain/case/timelineDetail';
import { contextFor } from '../remainingContext';
import { loadBreaches } from './loadBreaches';
import { loadCaseload } from './loadCaseload';
import { MEASURED_RULES, measureFiguresYielding, type FigureCase, type ProgramFigures } from './programFigures';

const EVENT_TYPES = ['decision_notified', 'procuraduria_notified', 'bid_issued', 'detention_started', 'detention_ended'];
/** A corrected event counts at its corrected date; a voided one not at all. */
const CORRECTIONS = ['event_corrected', 'event_voided'];

export async function loadProgramFigures(db: Db, user: AuthUser, now = new Date()): Promise<ProgramFigures> {
  const closed = sql<boolean>`cases.closed_at is not null`.as('closed');
  const [caseload, breaches, deadlines, events, fixes, ctx] = await Promise.all([
    loadCaseload(db, user, now),
    loadBreaches(db, user, now),
    deadlinesInScope(db, user)
      .where('case_deadlines.rule_id', 'in', MEASURED_RULES)
      .select(['case_deadlines.case_id', 'case_deadlines.rule_id', 'case_deadlines.status', 'case_deadlines.calendar', 'case_deadlines.trigger', 'case_deadlines.due_latest', 'cases.office', 'cases.detained', closed])
      .execute(),
    // Only what the measures read of each event: tens of thousands of rows at 50,000 cases (issue 28).
    timelineInScope(db, user)
      .where('case_timeline.type', 'in', EVENT_TYPES)
      .select(['case_timeline.case_id', 'case_timeline.type', 'case_timeline.at', 'case_timeline.seq', 'cases.office', 'cases.detained', closed])
      .execute(),
    // The corrections are few: read whole, as app/caseTimeline.ts reads them.
    timelineInScope(db, user)
      .where('case_timeline.type', 'in', CORRECTIONS)
      .select(['case_timeline.case_id', 'case_timeline.type', 'case_timeline.at', 'case_timeline.seq', 'case_timeline.by', 'case_timeline.summary', 'case_timeline.detail', 'case_timeline.recorded_at'])
      .execute(),
    contextFor(db),
  ]);
  const corrected = correctedEvents(events, fixes);
  // The measured cases, from the rows that name them (each row carries its case's columns).
  const cases = new Map<string, FigureCase>();
  for (const r of [...deadlines, ...corrected]) cases.set(r.case_id, { id: r.case_id, office: r.office, detained: r.detained, closed: r.closed });
  const measures = await measureFiguresYielding({
    cases: [...cases.values()],
    deadlines: deadlines.map((d) => ({ caseId: d.case_id, ruleId: d.rule_id, status: d.status, calendar: d.calendar, trigger: d.trigger, dueLatest: d.due_latest })),
    events: corrected.map((e) => ({ caseId: e.case_id, type: e.type, at: e.at, seq: e.seq })),
    overlays: ctx.overlays,
    now,
  });
  return { at: now.toISOString(), ...caseload, breaches, ...measures };
}

const timelineInScope = (db: Db, user: AuthUser) => db.selectFrom('case_timeline').innerJoin('cases', 'cases.id', 'case_timeline.case_id').where(caseScope(user));

/**
 * The measured events as corrected: at the corrected date, voided ones left out (app/caseTimeline.ts reads
 * the corrections). Only the cases with a correction are read through it; the others' events stand as recorded.
 */
function correctedEvents<R extends { case_id: string; type: string; at: string; seq: number }>(
  events: R[],
  fixes: { case_id: string; type: string; at: string; seq: number; by: string; summary: string; detail: TimelineDetail | null; recorded_at: Date }[],
): R[] {
  if (fixes.length === 0) return events;
  const fixesOf = new Map<string, typeof fixes>();
  for (const f of fixes) fixesOf.set(f.case_id, [...(fixesOf.get(f.case_id) ?? []), f]);
  const eventsOf = new Map<string, R[]>();
  for (const e of events) if (fixesOf.has(e.case_id)) eventsOf.set(e.case_id, [...(eventsOf.get(e.case_id) ?? []), e]);
  const changed = new Map<string, Map<number, { how: string; nowAt?: string }>>();
  for (const [caseId, caseFixes] of fixesOf) {
    // An event's own row is read by its seq, type and date; a correction's by its detail (or its words, when older).
    const rows = [
      ...(eventsOf.get(caseId) ?? []).map((e) => ({ seq: e.seq, at: e.at, recordedAt: '', by: '', type: e.type, summary: '', deadlineId: null, detail: null })),
      ...caseFixes.map((f) => ({ seq: f.seq, at: f.at, recordedAt: f.recorded_at.toISOString(), by: f.by, type: f.type, summary: f.summary, deadlineId: null, detail: f.detail })),
    ];
    changed.set(caseId, corrections(rows));
  }
  return events.flatMap((e) => {
    const fix = changed.get(e.case_id)?.get(e.seq);
    if (fix?.how === 'voided') return [];
    return [fix?.nowAt ? { ...e, at: fix.nowAt } : e];
  });
}
