/** The program dashboard's figures, drawn from the cases in the caller's scope (the caller checks view_program). */
import type { Db } from '../../db/database';
import { caseScope } from '../../db/queries/caseScope';
import { deadlinesInScope } from '../../db/queries/liveDeadlines';
import type { AuthUser } from '../auth';
import { contextFor } from '../remainingContext';
import { programFigures, type ProgramFigures } from './programFigures';

const EVENT_TYPES = ['decision_notified', 'procuraduria_notified', 'bid_issued', 'detention_started', 'detention_ended'];

export async function loadProgramFigures(db: Db, user: AuthUser, now = new Date()): Promise<ProgramFigures> {
  const [cases, deadlines, events, ctx] = await Promise.all([
    db
      .selectFrom('cases')
      .innerJoin('users', 'users.id', 'cases.caseworker_id')
      .select(['cases.id', 'cases.office', 'cases.caseworker_id', 'users.name as caseworker_name', 'cases.phase', 'cases.detained', 'cases.closed_at'])
      .where(caseScope(user))
      .execute(),
    deadlinesInScope(db, user)
      .select(['case_deadlines.case_id', 'case_deadlines.deadline_id', 'case_deadlines.rule_id', 'case_deadlines.status', 'case_deadlines.calendar', 'case_deadlines.trigger', 'case_deadlines.due', 'case_deadlines.due_latest', 'case_deadlines.due_instant'])
      .execute(),
    db
      .selectFrom('case_timeline')
      .innerJoin('cases', 'cases.id', 'case_timeline.case_id')
      .select(['case_timeline.case_id', 'case_timeline.type', 'case_timeline.at', 'case_timeline.seq'])
      .where(caseScope(user))
      .where('case_timeline.type', 'in', EVENT_TYPES)
      .execute(),
    contextFor(db),
  ]);
  return programFigures({
    cases: cases.map((c) => ({ id: c.id, office: c.office, caseworkerId: c.caseworker_id, caseworkerName: c.caseworker_name, phase: c.phase, detained: c.detained, closed: c.closed_at !== null })),
    deadlines: deadlines.map((d) => ({ caseId: d.case_id, deadlineId: d.deadline_id, ruleId: d.rule_id, status: d.status, calendar: d.calendar, trigger: d.trigger, due: d.due, dueLatest: d.due_latest, dueInstant: d.due_instant })),
    events: events.map((e) => ({ caseId: e.case_id, type: e.type, at: e.at, seq: e.seq })),
    overlays: ctx.overlays,
    now,
  });
}
