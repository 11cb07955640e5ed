/** GET /agenda: the agenda page; a bad filter shows the page with the error naming the field. */
import { webError } from './errorText';
import type { FastifyInstance } from 'fastify';
import { loadAgenda } from '../../app/agenda/loadAgenda';
import { AgendaQuerySchema, type AgendaQuery } from '../../app/agendaSchema';
import { ApiError, parseInput } from '../../app/errors';
import type { RouteContext } from '../api/routeContext';
import { agendaPage } from './agendaPage';
import { langOf, sendHtml } from './webReply';
import { keepOnDevice } from './offlineMarks';

export function registerAgendaRoutes(app: FastifyInstance, ctx: RouteContext): void {
  app.get('/agenda', { config: { auth: 'web', action: 'web.agenda' } }, async (req, reply) => {
    const user = req.user!;
    const lang = langOf(req, reply);
    const now = new Date();
    let query: AgendaQuery;
    let error: ApiError | null = null;
    try {
      query = parseInput(AgendaQuerySchema, req.query ?? {});
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      error = err;
      query = parseInput(AgendaQuerySchema, {});
    }
    const agenda = await loadAgenda(ctx.db, user, query, lang, now);
    // Only the cases the person is named on: their device may keep it (offlineRoutes.ts).
    if (!error && query.mine) keepOnDevice(reply, user);
    return sendHtml(reply, agendaPage({ user, lang, query, agenda, now, error: error && webError(error, lang) }), error ? 400 : 200);
  });
}
