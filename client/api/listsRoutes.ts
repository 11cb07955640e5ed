/** /api/lists/:list: the admin lists (offices, places, nationalities), read and saved one entry at a time (admins). */
import type { FastifyInstance } from 'fastify';
import { adminListName, readAdminList, saveAdminListEntry } from '../../app/lists/adminLists';
import { userOf, type RouteContext } from './routeContext';

export function registerListsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  type WithList = { Params: { list: string } };
  app.get<WithList>('/api/lists/:list', { config: { action: 'list.read', auth: 'api' } }, async (req) => readAdminList(ctx.db, userOf(req), adminListName(req.params.list)));

  // The store writes its own audit row with the entry (as for the CLI); the request's row says who asked.
  app.post<WithList>('/api/lists/:list', { config: { action: 'list.save', auth: 'api' } }, async (req) => {
    const list = adminListName(req.params.list);
    req.audit = { detail: { list } };
    return saveAdminListEntry(ctx.db, userOf(req), list, req.body ?? {}, 'POST');
  });
}
