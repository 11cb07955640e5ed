/** Reads of the read model, always through the caller's scope (access.ts). */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { loadOverlays } from '../db/overlays';
import { SEED_OVERLAYS, type Overlay } from '../domain';
import { caseScope } from '../db/queries/caseScope';
import { caseFilterConditions, type CaseFilters } from '../db/queries/caseFilters';
import { deadlinesInScope, liveDeadlinesInScope } from '../db/queries/liveDeadlines';
import { can } from './access';
import { scopeOptions } from './scopeOptions';
import type { AuthUser } from './auth';
import { caseSummary, caseView, dangerFirst, deadlineView, timelineView, type CaseRow, type DeadlineRow, type Links } from './caseViews';
import { notFound } from './errors';
import { remainingContext, type Lang, type RemainingContext } from './remaining';
import type { CaseSummary, CaseView, DeadlineListItem, OverlayView, TimelineEntryView } from './schemas';

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export async function contextFor(db: Db): Promise<RemainingContext> {
  return remainingContext(await loadOverlays(db));
}

/** The case row if this user may see it; 404 otherwise (unknown and invisible look the same). */
export async function findCase(db: Db, user: AuthUser, id: string): Promise<CaseRow> {
  if (!CASE_ID.test(id)) throw notFound(`no case '${id}'`);
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).where(caseScope(user)).executeTakeFirst();
  if (!row) throw notFound(`no case '${id}'`);
  return row;
}

export async function deadlinesOf(db: Db, caseIds: string[]): Promise<DeadlineRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('case_deadlines').selectAll().where('case_id', 'in', caseIds).orderBy('due_instant').execute();
}

export async function loadCaseView(db: Db, user: AuthUser, id: string, lang: Lang, links: Links, ctx?: RemainingContext): Promise<CaseView> {
  const row = await findCase(db, user, id);
  return caseView(row, await deadlinesOf(db, [row.id]), ctx ?? (await contextFor(db)), lang, links, can(user, 'use_codec'));
}

export async function loadTimeline(db: Db, user: AuthUser, id: string): Promise<TimelineEntryView[]> {
  const row = await findCase(db, user, id);
  const rows = await db.selectFrom('case_timeline').selectAll().where('case_id', '=', row.id).orderBy('seq').execute();
  return rows.map(timelineView);
}

/** The caller's cases, open ones first, by the next live deadline. */
export async function listCases(db: Db, user: AuthUser, lang: Lang, opts: { includeClosed?: boolean } = {}): Promise<CaseSummary[]> {
  let q = db.selectFrom('cases').selectAll().where(caseScope(user));
  if (!opts.includeClosed) q = q.where('closed_at', 'is', null);
  const rows = await q.orderBy(sql`closed_at is not null`).orderBy(sql`next_due_instant asc nulls last`).orderBy('id').execute();
  const deadlines = await deadlinesOf(db, rows.map((r) => r.id));
  const ctx = await contextFor(db);
  return rows.map((r) => caseSummary(r, deadlines.filter((d) => d.case_id === r.id), ctx, lang));
}

/** Live deadlines of the caller's open cases due within `days` days from now, overdue ones included. */
export async function listDeadlines(db: Db, user: AuthUser, days: number, lang: Lang, filters: CaseFilters = {}): Promise<DeadlineListItem[]> {
  const until = new Date(Date.now() + days * 86_400_000);
  let query = liveDeadlinesInScope(db, user)
    .selectAll('case_deadlines')
    .select(['cases.child_name', 'cases.phase', 'cases.office'])
    .where('case_deadlines.due_instant', '<=', until);
  for (const condition of caseFilterConditions(filters)) query = query.where(condition);
  const rows = await query
    .orderBy('case_deadlines.due_instant')
    .orderBy('case_deadlines.case_id')
    .execute();
  const ctx = await contextFor(db);
  return rows.map((r) => ({ ...deadlineView(r, r.office, ctx, lang), childName: r.child_name, phase: r.phase as DeadlineListItem['phase'] }));
}

export async function listOverlays(db: Db): Promise<OverlayView[]> {
  const stored = await db.selectFrom('overlays').selectAll().orderBy('created_at').execute();
  return [
    ...SEED_OVERLAYS.map((o): OverlayView => ({ overlay: o, source: 'seed', createdBy: null, createdAt: null, withdrawn: null })),
    ...stored.map(
      (r): OverlayView => ({
        overlay: r.body as Overlay,
        source: 'added',
        createdBy: r.created_by,
        createdAt: r.created_at.toISOString(),
        withdrawn: r.withdrawn_at ? { by: r.withdrawn_by ?? '', at: r.withdrawn_at.toISOString(), reason: r.withdraw_reason ?? '' } : null,
      }),
    ),
  ];
}

/** Cases (in the caller's scope) with a deadline counted through this overlay. */
export async function casesMovedBy(db: Db, user: AuthUser, overlayId: string): Promise<{ caseId: string; deadlineId: string; due: string }[]> {
  const rows = await deadlinesInScope(db, user)
    .select(['case_deadlines.case_id', 'case_deadlines.deadline_id', 'case_deadlines.due'])
    .where(sql<boolean>`case_deadlines.overlays_applied @> ${JSON.stringify([{ id: overlayId }])}::jsonb`)
    .orderBy('case_deadlines.case_id')
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, deadlineId: r.deadline_id, due: r.due }));
}

export interface InboxItem {
  kind: 'overdue' | 'urgent' | 'escalated';
  deadline?: DeadlineListItem;
  caseId: string;
  childName: string;
  at: string;
  by?: string;
  summary?: string;
}

/** The supervisor's inbox: overdue and nearly due deadlines, escalations by hand, failed deliveries. */
export async function loadInbox(db: Db, user: AuthUser, lang: Lang, filters: CaseFilters = {}) {
  const soon = await listDeadlines(db, user, 3, lang, filters);
  // Every live deadline in danger, each case's hour-counted alarms first: the inbox reads top down.
  const deadlines = soon.filter((d) => d.urgency === 'overdue' || d.urgency === 'alarm' || d.urgency === 'urgent').sort(dangerFirst);
  const caseIds = [...new Set(deadlines.map((d) => d.caseId))];
  const holders = caseIds.length === 0 ? [] : await db
    .selectFrom('cases')
    .innerJoin('users', 'users.id', 'cases.caseworker_id')
    .select(['cases.id', 'users.name'])
    .where('cases.id', 'in', caseIds)
    .execute();
  const holderOf = new Map(holders.map((h) => [h.id, h.name]));
  const escalations = await db
    .selectFrom('case_timeline')
    .innerJoin('cases', 'cases.id', 'case_timeline.case_id')
    .select(['case_timeline.case_id', 'case_timeline.at', 'case_timeline.by', 'case_timeline.summary', 'case_timeline.deadline_id', 'cases.child_name'])
    .where(caseScope(user))
    .where('case_timeline.type', '=', 'escalated')
    .where('case_timeline.recorded_at', '>=', new Date(Date.now() - 30 * 86_400_000))
    .orderBy('case_timeline.recorded_at', 'desc')
    .limit(50)
    .execute();
  const failed = await db
    .selectFrom('notifications')
    .select(['case_id', 'deadline_id', 'subject', 'body', 'created_at'])
    .where('channel', '=', 'in_app')
    .where('recipient', '=', user.id)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const options = await scopeOptions(db, user);
  return { deadlines: deadlines.map((d) => ({ ...d, caseworkerName: holderOf.get(d.caseId) ?? null })), escalations, failed, options };
}

export async function assignableUsers(db: Db) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('active', '=', true)
    .where('role', 'in', ['caseworker', 'supervisor', 'lawyer'])
    .orderBy('role')
    .orderBy('name')
    .execute();
}

/**
 * Who may take over a case as its caseworker: active caseworkers of the current caseworker's teams and
 * of the teams its supervisor leads (everyone active when the organization has no teams), the current
 * one first. The reassignment form offers these and the route accepts only these.
 */
export async function caseworkerCandidates(db: Db, a: { caseworker: string; supervisor: string }): Promise<{ id: string; name: string }[]> {
  const teams = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', a.caseworker)
    .union(db.selectFrom('teams').select('id as team_id').where('supervisor_id', '=', a.supervisor))
    .execute();
  let q = db.selectFrom('users').select(['id', 'name']).where('active', '=', true).where('role', '=', 'caseworker');
  if (teams.length > 0) {
    const ids = teams.map((t) => t.team_id);
    q = q.where((eb) => eb.or([eb('id', 'in', db.selectFrom('team_members').select('user_id').where('team_id', 'in', ids)), eb('id', '=', a.caseworker)]));
  }
  const rows = await q.orderBy('name').execute();
  return [...rows.filter((r) => r.id === a.caseworker), ...rows.filter((r) => r.id !== a.caseworker)];
}

/** Everyone's name by id, active or not: a timeline names the people who acted on a case years ago. */
export async function userNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
