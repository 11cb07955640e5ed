/**
 * Deadlines as the lists, agenda, digest, dashboard, feed and deliveries read them: expressions and
 * query builders they extend (Kysely's recipe: helpers that take and return expressions), so "live" and
 * "in the person's scope" are written once.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { LIVE_STATUSES } from '../../domain/case/upcoming';
import type { Db } from '../database';
import { caseScope, type ScopedPerson } from './caseScope';

/** The deadline still counts (open, or missed and still owed): `case_deadlines.status` is live. */
export const isLiveDeadline = (): Expression<SqlBool> => sql<SqlBool>`case_deadlines.status in (${sql.join([...LIVE_STATUSES])})`;

/** The deadlines of the cases a condition on `cases` picks, joined to their case. */
export const deadlinesOfCases = (db: Db, cases: Expression<SqlBool>) =>
  db.selectFrom('case_deadlines').innerJoin('cases', 'cases.id', 'case_deadlines.case_id').where(cases);

/** The deadlines of the cases this person may see. */
export const deadlinesInScope = (db: Db, person: ScopedPerson) => deadlinesOfCases(db, caseScope(person));

/** The live deadlines of the open cases a condition on `cases` picks. */
export const liveDeadlinesOfCases = (db: Db, cases: Expression<SqlBool>) =>
  deadlinesOfCases(db, cases).where('cases.closed_at', 'is', null).where(isLiveDeadline());

/** The live deadlines of the open cases this person may see. */
export const liveDeadlinesInScope = (db: Db, person: ScopedPerson) => liveDeadlinesOfCases(db, caseScope(person));
