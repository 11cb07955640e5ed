/** GET /calendar/{token}.ics (the feed); GET/POST /api/me/calendar-link (the address in use / a new one). */
import type { FastifyInstance } from 'fastify';
import { userForCalendarToken } from '../../app/auth';
import { feedDeadlines, feedVersion } from '../../app/calendar/feedDeadlines';
import { ApiError } from '../../app/errors';
import { created, userOf, type RouteContext } from '../api/routeContext';
import { currentFeedLink, issueFeedLink } from '../../app/calendar/feedLink';
import { etagMatches, feedEtag } from './feedEtag';
import { renderIcsFeed } from './icsFeed';

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
    const opts = { ownerName: user.name, lang: user.language, zone: user.timeZone, publicUrl: ctx.links.publicUrl };
    // Calendar apps poll the feed: one that sends back the ETag of its copy gets 304 while nothing it shows changed.
    const etag = feedEtag(await feedVersion(ctx.db, user), opts);
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    const body = renderIcsFeed(await feedDeadlines(ctx.db, user), opts);
    return reply.header('content-type', 'text/calendar; charset=utf-8').send(body);
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
