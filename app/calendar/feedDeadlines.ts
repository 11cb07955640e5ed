/**
 * The deadlines of a person's calendar feed: every case they may see, live ones and those settled lately;
 * and the feed's version, for conditional requests (calendar apps poll the feed);
 * for those who see the whole registry (admin, director), the cases they are named on, as their daily
 * digest (casesAssignedTo): 50,000 cases' deadlines are no calendar (32 MB, seconds to build, issue 28).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope, casesAssignedTo, seesEveryCase } from '../../db/queries/caseScope';
import { deadlinesOfCases, isLiveDeadline } from '../../db/queries/liveDeadlines';
import type { DueClose } from '../../domain/case/state';
import type { LadderStep } from '../../domain/ladder/ladder';
import type { Role } from '../../domain/ladder/policy';
import type { AuthUser } from '../auth';

export interface FeedDeadline {
  caseId: string;
  deadlineId: string;
  ruleId: string;
  title: string;
  status: string;
  late: boolean;
  unit: string;
  due: string;
  dueLatest: string;
  dueInstant: Date;
  citation: string;
  kind: string;
  sequence: number;
  updatedAt: Date;
  /** The deadline's reminder ladder (null in rows projected before it was kept). */
  steps: LadderStep[] | null;
  /** What the feed's owner is on this case: which ladder steps reach them. */
  roles: Role[];
  /** When the due day closes (office hours in the office's zone, or 24:00) and why; null: 23:59:59 Mexico City. */
  filing?: DueClose | null;
}

/** Settled deadlines (met, dropped) stay in the feed this long after their last change. */
const KEEP_DAYS = 120;

/** Which ladder steps reach this person on this case: their assignments, and a director's or supervisor's role. */
export function rolesOnCase(user: AuthUser, c: { caseworker_id: string; supervisor_id: string; lawyer_id: string }): Role[] {
  const roles = new Set<Role>();
  if (c.caseworker_id === user.id) roles.add('caseworker');
  if (c.lawyer_id === user.id) roles.add('lawyer');
  // A supervisor sees a case as the assigned supervisor or as the lead of its caseworker's team.
  if (c.supervisor_id === user.id || user.role === 'supervisor') roles.add('supervisor');
  if (user.role === 'director') roles.add('director');
  return [...roles];
}

/** The cases of a person's feed: those they may see; for the whole registry's readers, those they are named on. */
const feedCases = (user: AuthUser) => (seesEveryCase(user) ? casesAssignedTo(user.id) : caseScope(user));

/**
 * The feed's rows: deadlines of the cases in the feed's scope, live ones and those settled lately. A live
 * deadline stays however old (a missed term still owed must show); one of a closed case only while recent:
 * a calendar is for what is due, not years of closed cases (issue 28).
 */
function feedRows(db: Db, user: AuthUser) {
  return deadlinesOfCases(db, feedCases(user)).where((eb) =>
    eb.or([
      eb.and([isLiveDeadline(), eb('cases.closed_at', 'is', null)]),
      eb('case_deadlines.updated_at', '>=', sql<Date>`now() - ${`${KEEP_DAYS} days`}::interval`),
    ]),
  );
}

/**
 * What the feed's text depends on in the database, in one cheap aggregate over the scope's cases, without
 * their deadlines: which cases (how many, a sum of their ids' hashes: one leaving and another entering
 * the scope changes it) and their last change (the projection writes a case's row with all its deadlines
 * on every event, reassignment or recomputation: activities/readModel.ts is their only writer), and today's
 * date, since settled deadlines leave the feed KEEP_DAYS after their last change.
 */
export async function feedVersion(db: Db, user: AuthUser): Promise<string> {
  const row = await db
    .selectFrom('cases')
    .where(feedCases(user))
    .select([
      sql<string>`count(*)::text`.as('n'),
      sql<string>`coalesce(sum(hashtext(cases.id)), 0)::text`.as('ids'),
      sql<string>`coalesce(max(cases.updated_at), 'epoch')::text`.as('last'),
      sql<string>`current_date::text`.as('today'),
    ])
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.ids}:${row.last}:${row.today}`;
}

export async function feedDeadlines(db: Db, user: AuthUser): Promise<FeedDeadline[]> {
  // Only what the feed shows: the other JSON columns (acks, overlays, skipped days) are parsed for nothing.
  const rows = await feedRows(db, user)
    .select([
      'case_deadlines.case_id', 'case_deadlines.deadline_id', 'case_deadlines.rule_id', 'case_deadlines.title', 'case_deadlines.status', 'case_deadlines.late',
      'case_deadlines.unit', 'case_deadlines.due', 'case_deadlines.due_latest', 'case_deadlines.due_instant', 'case_deadlines.citation', 'case_deadlines.kind',
      'case_deadlines.sequence', 'case_deadlines.updated_at', 'case_deadlines.steps', 'case_deadlines.filing',
    ])
    .select(['cases.caseworker_id', 'cases.supervisor_id', 'cases.lawyer_id'])
    .orderBy('case_deadlines.due_instant')
    .orderBy('case_deadlines.case_id')
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    deadlineId: r.deadline_id,
    ruleId: r.rule_id,
    title: r.title,
    status: r.status,
    late: r.late,
    unit: r.unit,
    due: r.due,
    dueLatest: r.due_latest,
    dueInstant: r.due_instant,
    citation: r.citation,
    kind: r.kind,
    sequence: r.sequence,
    updatedAt: r.updated_at,
    steps: (r.steps ?? null) as LadderStep[] | null,
    roles: rolesOnCase(user, r),
    filing: (r.filing ?? null) as DueClose | null,
  }));
}
