/** GET/POST /preferences: the signed-in person's own choices (post/redirect/get; a refusal shows the form again, nothing saved). */
import type { FastifyInstance } from 'fastify';
import { ApiError, parseInput } from '../../app/errors';
import { loadPreferences, PreferencesSchema, savePreferences } from '../../app/people/preferences';
import type { RouteContext } from '../api/routeContext';
import { words } from '../../domain/messages/catalogue';
import { webError } from './errorText';
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
    const form = formOf(req);
    let prefs;
    try {
      // An unchecked box is not sent at all: absent means no.
      prefs = parseInput(PreferencesSchema, { dailyDigest: form.dailyDigest === 'true', timeZone: form.timeZone });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const lang = langOf(req, reply);
      return sendHtml(reply, preferencesPage(user, lang, await loadPreferences(ctx.db, user), null, webError(err, lang)), err.status);
    }
    await savePreferences(ctx.db, user, prefs);
    req.audit = { detail: prefs };
    return reply.redirect('/preferences?done=saved', 303);
  });
}
