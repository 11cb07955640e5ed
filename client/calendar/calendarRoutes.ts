/** GET /calendar/{token}.ics (the feed); GET/POST /api/me/calendar-link (the address in use / a new one). */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { LadderStep } from '../../domain/ladder/ladder';
import type { Role } from '../../domain/ladder/policy';
import { deadlinesInScope, isLiveDeadline } from '../../db/queries/liveDeadlines';
import { userForCalendarToken, type AuthUser } from '../../app/auth';
import { ApiError } from '../../app/errors';
import { created, userOf, type RouteContext } from '../api/routeContext';
import { currentFeedLink, issueFeedLink } from '../../app/calendar/feedLink';
import { renderIcsFeed, type FeedDeadline } from './icsFeed';

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

export async function feedDeadlines(db: Db, user: AuthUser): Promise<FeedDeadline[]> {
  const rows = await deadlinesInScope(db, user)
    .selectAll('case_deadlines')
    .select(['cases.caseworker_id', 'cases.supervisor_id', 'cases.lawyer_id'])
    .where((eb) =>
      eb.or([isLiveDeadline(), eb('case_deadlines.updated_at', '>=', sql<Date>`now() - ${`${KEEP_DAYS} days`}::interval`)]),
    )
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
  }));
}

const NOTE = 'Subscribe with webcal (or the https address); it stays the same until you create a new one.';

export function registerCalendarRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get<{ Params: { file: string } }>('/calendar/:file', { config: { action: 'calendar.feed', auth: 'none' } }, async (req, reply) => {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const m = /^(.+)\.ics$/.exec(req.params.file);
    const user = m ? await userForCalendarToken(ctx.db, m[1]!) : null;
    if (!user) {
      await ctx.authFailures.failed(req); // a guessed feed token is a failed sign-in too
      throw new ApiError(404, 'not_found', 'no such calendar feed');
    }
    req.user = user;
    const body = renderIcsFeed(await feedDeadlines(ctx.db, user), { ownerName: user.name, lang: user.language, publicUrl: ctx.links.publicUrl });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-cache').send(body);
  });

  app.get('/api/me/calendar-link', { config: { action: 'calendar.link', auth: 'api' } }, async (req) => {
    const link = await currentFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, userOf(req).id);
    if (!link) throw new ApiError(404, 'not_found', 'no calendar link yet: POST /api/me/calendar-link creates one');
    return { ...link, note: NOTE };
  });

  app.post('/api/me/calendar-link', { config: { action: 'calendar.new_link', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    const link = await issueFeedLink(ctx.db, ctx.codec, ctx.links.publicUrl, user.id, user.tokenId!);
    return created(reply, { ...link, note: NOTE });
  });
}
