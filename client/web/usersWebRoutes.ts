/**
 * /admin/users: the admin page for people and tokens. Each form runs the command /api/users runs, under
 * the same audit action names; a refused form shows the page again with the error next to its input.
 */
import { webError } from './errorText';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertCan } from '../../app/access';
import { ApiError, parseInput } from '../../app/errors';
import type { RouteContext } from '../api/routeContext';
import { listTeams, listUsers } from '../../app/people/userQueries';
import { NewTokenBodySchema, NewUserBodySchema, TokenPathSchema, UpdateUserBodySchema, UserPathSchema, type IssuedToken } from '../../app/userSchemas';
import { listSessions } from '../../app/people/sessions';
import { words, signInWords } from '../../domain/messages/catalogue';
import { usersPage } from './usersPage';
import { newUserFromForm, userChangeFromForm } from './webForms';
import { formOf, langOf, sendHtml } from './webReply';
import { createUser } from '../../app/people/createUser';
import { issueToken } from '../../app/people/issueToken';
import { revokeCalendarFeed } from '../../app/people/revokeCalendarFeed';
import { revokeToken } from '../../app/people/revokeToken';
import { updateUser } from '../../app/people/updateUser';

const DONE = ['added', 'saved', 'deactivated', 'revoked', 'feed_revoked', 'session_ended'] as const;

export function registerUsersWebRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // Role first, as on the API: a non-admin gets 403 before anything is read or parsed.
  const admin = (action: string) => ({
    config: { auth: 'web' as const, action },
    preHandler: async (req: FastifyRequest) => assertCan(req.user!, 'manage_users'),
  });
  type WithId = { Params: { id: string } };

  async function render(req: FastifyRequest, reply: FastifyReply, extra: { flash?: string | null; error?: ApiError; errorFor?: string; issued?: { token: IssuedToken; userName: string } }) {
    const lang = langOf(req, reply);
    const [users, teams] = await Promise.all([listUsers(ctx.db), listTeams(ctx.db)]);
    const sessions = await listSessions(ctx.db, users.map((u) => u.id), req.user!.sessionId);
    const error = extra.error ? webError(extra.error, lang) : null;
    return sendHtml(
      reply,
      usersPage({ user: req.user!, lang, users, teams, sessions, flash: extra.flash, error, errorFor: extra.errorFor, form: formOf(req), issued: extra.issued }),
      extra.error?.status ?? (extra.issued ? 201 : 200),
    );
  }

  /** Runs a form; a 4xx (404 included: a row gone since the page loaded) shows the page again with it. */
  async function attempt(req: FastifyRequest, reply: FastifyReply, errorFor: string, run: () => Promise<string>) {
    let done: string;
    try {
      done = await run();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { error: err, errorFor });
    }
    return reply.redirect(`/admin/users?done=${done}`, 303);
  }

  app.get('/admin/users', admin('web.users'), async (req, reply) => {
    const w = words(langOf(req, reply));
    const done = (req.query as Record<string, string>)?.done;
    const flash = DONE.includes(done as (typeof DONE)[number])
      ? { added: w.userAdded, saved: w.userSaved, deactivated: w.userDeactivated, revoked: w.tokenRevoked, feed_revoked: w.feedRevoked, session_ended: signInWords(langOf(req, reply)).sessionEnded }[done as (typeof DONE)[number]]
      : null;
    return render(req, reply, { flash });
  });

  app.post('/admin/users', admin('user.add'), (req, reply) =>
    attempt(req, reply, 'add', async () => {
      const body = parseInput(NewUserBodySchema, newUserFromForm(formOf(req)));
      const user = await createUser(ctx.db, body);
      req.audit = { detail: { userId: user.id, role: user.role, team: body.team ?? null } };
      return 'added';
    }),
  );

  app.post<WithId>('/admin/users/:id', admin('user.update'), (req, reply) =>
    attempt(req, reply, req.params.id, async () => {
      const { id } = parseInput(UserPathSchema, req.params);
      const body = parseInput(UpdateUserBodySchema, userChangeFromForm(formOf(req)));
      req.audit = { detail: { userId: id, fields: Object.keys(body), role: body.role, active: body.active, team: body.team } };
      const { tokensRevoked } = await updateUser(ctx.db, id, body);
      req.audit.detail = { ...req.audit.detail, tokensRevoked };
      return body.active === false ? 'deactivated' : 'saved';
    }),
  );

  // The token is in this answer only: the page is rendered here, not after a redirect (and never cached).
  app.post<WithId>('/admin/users/:id/tokens', admin('token.issue'), async (req, reply) => {
    try {
      const { id } = parseInput(UserPathSchema, req.params);
      const label = formOf(req).label?.trim();
      const body = parseInput(NewTokenBodySchema, label ? { label } : {});
      req.audit = { detail: { userId: id, label: body.label } };
      const issued = await issueToken(ctx.db, id, body, req.user!.id);
      req.audit.detail = { ...req.audit.detail, tokenId: issued.tokenInfo.id };
      const person = (await listUsers(ctx.db, id))[0];
      return render(req, reply, { issued: { token: issued, userName: person?.name ?? id } });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(req, reply, { error: err, errorFor: req.params.id });
    }
  });

  app.post<WithId>('/admin/users/:id/calendar-link/revoke', admin('calendar.revoke'), (req, reply) =>
    attempt(req, reply, req.params.id, async () => {
      const { id } = parseInput(UserPathSchema, req.params);
      req.audit = { detail: { userId: id } };
      await revokeCalendarFeed(ctx.db, id);
      return 'feed_revoked';
    }),
  );

  app.post<WithId>('/admin/tokens/:id/revoke', admin('token.revoke'), (req, reply) =>
    attempt(req, reply, '', async () => {
      const { id } = parseInput(TokenPathSchema, req.params);
      req.audit = { detail: { tokenId: id } };
      const token = await revokeToken(ctx.db, id);
      req.audit.detail = { tokenId: id, userId: token.userId };
      return 'revoked';
    }),
  );
}
