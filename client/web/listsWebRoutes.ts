/**
 * /admin/lists: the admin lists on a page (admins). Saving runs app/lists/adminLists.ts, the operation
 * /api/lists runs, on the store the CLI writes; a refusal shows the form as typed, the error next to its input.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertCan } from '../../app/access';
import { ApiError } from '../../app/errors';
import { adminListName, readAdminList, saveAdminListEntry } from '../../app/lists/adminLists';
import type { AdminListName } from '../../domain/lists/lists';
import { nationalityName } from '../../domain/lists/nationalities';
import { catalogue } from '../../domain/messages/catalogue';
import type { RouteContext } from '../api/routeContext';
import { webError } from './errorText';
import { entryForm, listsPage } from './listsPage';
import type { Form } from './webForms';
import { formOf, langOf, sendHtml } from './webReply';

/** The form → the entry the API takes (aliases one per line or comma-separated; optional fields left out when empty). */
export function listEntryFromForm(list: AdminListName, f: Form): Record<string, unknown> {
  const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
  const base = { id: (f.id ?? '').trim(), aliases: (f.aliases ?? '').split(/[\n,]/).map((a) => a.trim()).filter(Boolean), active: f.active === 'on' };
  // Left empty, an office's hour and zone are the schema's defaults (18:00, LFPA art. 30; Mexico City).
  if (list === 'offices') return { ...base, name: f.name ?? '', agency: f.agency, closesAt: opt(f.closesAt), zone: opt(f.zone) };
  if (list === 'places') return { ...base, name: f.name ?? '', kind: f.kind, locality: opt(f.locality) };
  return base;
}

export function registerListsWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const admin = (action: string) => ({
    config: { auth: 'web' as const, action },
    preHandler: async (req: FastifyRequest) => assertCan(req.user!, 'manage_lists'),
  });

  async function render(req: FastifyRequest, reply: FastifyReply, list: AdminListName, extra: { flash?: string | null; error?: ApiError; form?: Form; editing?: string | null }) {
    const lang = langOf(req, reply);
    const entries = await readAdminList(ctx.db, req.user!, list);
    const error = extra.error ? webError(extra.error, lang) : null;
    return sendHtml(reply, listsPage({ user: req.user!, lang, list, entries, form: extra.form, editing: extra.editing, flash: extra.flash, error }), extra.error?.status ?? 200);
  }

  app.get('/admin/lists', admin('web.lists'), async (req, reply) => {
    const q = (req.query as Record<string, string>) ?? {};
    const list = adminListName(q.list ?? 'offices');
    const lang = langOf(req, reply);
    const entries = await readAdminList(ctx.db, req.user!, list);
    const editing = q.edit ? entries.find((x) => x.id === q.edit) : undefined;
    const saved = q.saved ? entries.find((x) => x.id === q.saved) : undefined;
    const flash = saved ? catalogue(lang).lists.saved(list === 'nationalities' ? nationalityName(saved.id.toUpperCase(), lang) : saved.name) : null;
    return render(req, reply, list, { flash, form: editing ? entryForm(editing) : undefined, editing: editing?.id ?? null });
  });

  app.post<{ Params: { list: string } }>('/admin/lists/:list', admin('list.save'), async (req, reply) => {
    const list = adminListName(req.params.list);
    const form = formOf(req);
    try {
      req.audit = { detail: { list, id: form.id ?? null } };
      const saved = await saveAdminListEntry(ctx.db, req.user!, list, listEntryFromForm(list, form), 'POST');
      return reply.redirect(`/admin/lists?list=${list}&saved=${encodeURIComponent(saved.id)}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, list, { error: err, form, editing: null });
    }
  });
}
