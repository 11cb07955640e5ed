/** GET /calendar/{token}.ics (the feed) and POST /api/me/calendar-link (a new feed address, shown once). */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { caseScope } from '../api/access';
import { issueCalendarToken, userForCalendarToken, type AuthUser } from '../api/auth';
import { ApiError } from '../api/errors';
import { created, userOf, type RouteContext } from '../api/routeContext';
import { renderIcsFeed, type FeedDeadline } from './icsFeed';

/** Met, dropped and past deadlines stay in the feed this long, so clients see them cancelled. */
const KEEP_DAYS = 120;

export async function feedDeadlines(db: Db, user: AuthUser): Promise<FeedDeadline[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .selectAll('case_deadlines')
    .where(caseScope(user))
    .where((eb) =>
      eb.or([eb('case_deadlines.status', 'in', ['open', 'missed']), eb('case_deadlines.updated_at', '>=', sql<Date>`now() - ${`${KEEP_DAYS} days`}::interval`)]),
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
    unit: r.unit,
    due: r.due,
    dueLatest: r.due_latest,
    dueInstant: r.due_instant,
    citation: r.citation,
    kind: r.kind,
    sequence: r.sequence,
    updatedAt: r.updated_at,
  }));
}

export const feedUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`;

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

  app.post('/api/me/calendar-link', { config: { action: 'calendar.new_link', auth: 'api' } }, async (req, reply) => {
    const user = userOf(req);
    const token = await issueCalendarToken(ctx.db, user.id, user.tokenId!);
    return created(reply, { url: feedUrl(ctx.links.publicUrl, token), note: 'Shown once; a new link replaces this one.' });
  });
}
