/** GET/POST /preferences: the signed-in person's own choices (post/redirect/get). */
import type { FastifyInstance } from 'fastify';
import { loadPreferences, savePreferences } from '../../app/people/preferences';
import type { RouteContext } from '../api/routeContext';
import { words } from '../../domain/messages/catalogue';
import { preferencesPage } from './preferencesPage';
import { formOf, langOf, sendHtml } from './webReply';

export function registerPreferencesRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });

  app.get('/preferences', web('web.preferences'), async (req, reply) => {
    const user = req.user!;
    const lang = langOf(req, reply);
    const saved = (req.query as Record<string, string>)?.done === 'saved';
    return sendHtml(reply, preferencesPage(user, lang, await loadPreferences(ctx.db, user), saved ? words(lang).preferencesSaved : null));
  });

  app.post('/preferences', web('user.preferences'), async (req, reply) => {
    const user = req.user!;
    // An unchecked box is not sent at all: absent means no.
    const dailyDigest = formOf(req).dailyDigest === 'true';
    await savePreferences(ctx.db, user, { dailyDigest });
    req.audit = { detail: { dailyDigest } };
    return reply.redirect('/preferences?done=saved', 303);
  });
}
