/** /api/users, /api/teams and /api/tokens: user and token administration, admins only, every call audited. */
import type { FastifyInstance } from 'fastify';
import { assertCan } from '../../app/access';
import { parseInput } from '../../app/errors';
import { created, userOf, type RouteContext } from './routeContext';
import { createUser } from '../../app/people/createUser';
import { issueToken } from '../../app/people/issueToken';
import { revokeCalendarFeed } from '../../app/people/revokeCalendarFeed';
import { revokeToken } from '../../app/people/revokeToken';
import { updateUser } from '../../app/people/updateUser';
import { listTeams, listUsers, loadUser } from '../../app/people/userQueries';
import { NewTokenBodySchema, NewUserBodySchema, TokenPathSchema, UpdateUserBodySchema, UserPathSchema } from '../../app/userSchemas';

export function registerUserRoutes(app: FastifyInstance, ctx: RouteContext): void {
  // The role check runs right after authentication, before the body is parsed: a non-admin learns
  // nothing about the input, the ids or who exists.
  const admin = (action: string) => ({
    config: { action, auth: 'api' as const },
    onRequest: async (req: Parameters<typeof userOf>[0]) => assertCan(userOf(req), 'manage_users'),
  });

  app.get('/api/users', admin('user.list'), async () => listUsers(ctx.db));

  app.get('/api/teams', admin('team.list'), async () => listTeams(ctx.db));

  app.get('/api/users/:id', admin('user.read'), async (req) => {
    const { id } = parseInput(UserPathSchema, req.params);
    req.audit = { detail: { userId: id } };
    return loadUser(ctx.db, id);
  });

  app.post('/api/users', admin('user.add'), async (req, reply) => {
    const body = parseInput(NewUserBodySchema, req.body);
    const user = await createUser(ctx.db, body);
    req.audit = { detail: { userId: user.id, role: user.role, team: body.team ?? null } };
    return created(reply.header('location', `/api/users/${encodeURIComponent(user.id)}`), user);
  });

  app.patch('/api/users/:id', admin('user.update'), async (req) => {
    const { id } = parseInput(UserPathSchema, req.params);
    const body = parseInput(UpdateUserBodySchema, req.body);
    // The audit row keeps what changed (not the name or email themselves: the row outlives the person).
    req.audit = { detail: { userId: id, fields: Object.keys(body), role: body.role, active: body.active, team: body.team } };
    const { user, tokensRevoked } = await updateUser(ctx.db, id, body);
    req.audit.detail = { ...req.audit.detail, tokensRevoked };
    return user;
  });

  app.post('/api/users/:id/tokens', admin('token.issue'), async (req, reply) => {
    const { id } = parseInput(UserPathSchema, req.params);
    const body = parseInput(NewTokenBodySchema, req.body === undefined ? {} : req.body);
    req.audit = { detail: { userId: id, label: body.label } };
    const issued = await issueToken(ctx.db, id, body, userOf(req).id);
    req.audit.detail = { ...req.audit.detail, tokenId: issued.tokenInfo.id };
    return created(reply.header('cache-control', 'no-store'), issued);
  });

  app.delete('/api/tokens/:id', admin('token.revoke'), async (req) => {
    const { id } = parseInput(TokenPathSchema, req.params);
    req.audit = { detail: { tokenId: id } };
    const token = await revokeToken(ctx.db, id);
    req.audit.detail = { tokenId: id, userId: token.userId };
    return token;
  });

  app.delete('/api/users/:id/calendar-link', admin('calendar.revoke'), async (req) => {
    const { id } = parseInput(UserPathSchema, req.params);
    req.audit = { detail: { userId: id } };
    return revokeCalendarFeed(ctx.db, id);
  });
}
