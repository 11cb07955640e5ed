/**
 * The program dashboard's figures, drawn from the cases in the caller's scope (the caller checks view_program).
 * Postgres counts the caseload; only the rows the measures need (COMAR terms, five event types) are read.
 */
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';
import { contextFor } from '../remainingContext';
import { loadBreaches } from './loadBreaches';
import { loadCaseload } from './loadCaseload';
import { MEASURED_RULES, measureFigures, type FigureCase, type ProgramFigures } from './programFigures';

const EVENT_TYPES = ['decision_notified', 'procuraduria_notified', 'bid_issued', 'detention_started', 'detention_ended'];

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
      .select(['case_timeline.case_id', 'case_timeline.type', 'case_timeline.at', 'case_timeline.seq', 'cases.office', 'cases.detained', 'cases.closed_at'])
      .where(caseScope(user))
      .where('case_timeline.type', 'in', EVENT_TYPES)
      .execute(),
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
