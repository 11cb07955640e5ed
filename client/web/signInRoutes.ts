/**
 * Signing in and out, and the sessions a person (or an admin) can see and end. Every way in ends the same:
 * a server-side session for this device (app/people/sessions.ts). Cross-site posts to any of these forms
 * were refused before they get here (hardening.ts: login and logout CSRF).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertCan } from '../../app/access';
import { userForApiToken, type AuthUser } from '../../app/auth';
import { ApiError, parseInput } from '../../app/errors';
import type { OidcTransaction } from '../../app/people/oidc';
import type { RouteContext } from '../api/routeContext';
import { clearSessionCookie, listSessions, revokeSession, sessionSecret, startSession, userForSession } from '../../app/people/sessions';
import { consumeSignInLink, requestSignInLink } from '../../app/people/signInLinks';
import { words, signInWords } from '../../domain/messages/catalogue';
import { linkConfirmPage, loginPage } from './loginPage';
import { sessionsPage } from './sessionsPage';
import { formOf, langOf, sendHtml } from './webReply';
import { activePersonByEmail } from '../../app/people/activePersonByEmail';
import { SIGNED_OUT_HEADER } from './offlineMarks';

const OIDC_COOKIE = 'plazo_oidc';
const EmailSchema = z.string().trim().min(1).max(254).pipe(z.email());
const SessionPathSchema = z.object({ id: z.string().regex(/^ses_[0-9a-f]{32}$/, 'is not a session id') });

/** Only local paths: a login link cannot send a person to another site. */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%#]*$/.test(next) ? next : '/';
}


export function registerSignInRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const publicUrl = ctx.links.publicUrl;
  const oidc = ctx.signIn.oidc;
  const web = (action: string) => ({ config: { auth: 'web' as const, action } });
  // Created on first use: @fastify/rate-limit's decorator exists once fastify has loaded it (as hardening.ts).
  let linkRequests: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  const login = (req: FastifyRequest, reply: FastifyReply, opts: Parameters<typeof loginPage>[1], status = 200) =>
    sendHtml(reply, loginPage(langOf(req, reply), { oidcName: oidc?.name ?? null, ...opts }), status);

  app.get('/login', async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, string>;
    // Reached without a live session (signed out, expired, revoked): the offline app clears the device.
    const secret = sessionSecret(req, publicUrl);
    if (!secret || !(await userForSession(ctx.db, secret))) reply.header(SIGNED_OUT_HEADER, '1');
    return login(req, reply, { next: safeNext(q.next), flash: q.sent === '1' ? signInWords(langOf(req, reply)).linkSent : null });
  });

  // An access token (API, CLI, demo): a session for this device that ends, at the latest, with the token.
  app.post('/login', { config: { action: 'web.login' } }, async (req, reply) => {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const f = formOf(req);
    const user = f.token ? await userForApiToken(ctx.db, f.token.trim()) : null;
    if (!user) {
      await ctx.authFailures.failed(req);
      const w = words(langOf(req, reply));
      return login(req, reply, { error: { message: w.badToken, field: 'token' }, next: safeNext(f.next) }, 401);
    }
    req.user = user;
    await startSession(ctx.db, req, reply, publicUrl, user.id, 'token', user.tokenId ?? null);
    return reply.redirect(safeNext(f.next), 303);
  });

  // The same answer whatever the address: a person's existence is not told to whoever types it. Past
  // 20 requests a minute from one address, 429 (@fastify/rate-limit); past 3 links per person per 15
  // minutes, no more mail (signInLinks.ts).
  app.post('/login/email', { config: { action: 'web.login_link_request' } }, async (req, reply) => {
    const limit = await (linkRequests ??= app.createRateLimit({ max: 20, timeWindow: 60_000 }))(req);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(Math.max(1, limit.ttlInSeconds)));
      throw new ApiError(429, 'too_many_requests', signInWords(langOf(req, reply)).tooManyLinks.replace('{s}', String(Math.max(1, limit.ttlInSeconds))));
    }
    const f = formOf(req);
    const parsed = EmailSchema.safeParse(f.email ?? '');
    if (!parsed.success) {
      const s = signInWords(langOf(req, reply));
      return login(req, reply, { error: { message: (f.email ?? '').trim() ? s.emailInvalid : s.emailRequired, field: 'email' }, next: safeNext(f.next) }, 400);
    }
    const email = parsed.data;
    // Not awaited: the answer takes as long for an unknown address as for a known one.
    void requestSignInLink(ctx.db, email, safeNext(f.next), ctx.signIn.mail).catch((err: Error) => ctx.logger.error({ err: err.message }, 'sign-in link request failed'));
    return reply.redirect(`/login?sent=1${f.next ? `&next=${encodeURIComponent(safeNext(f.next))}` : ''}`, 303);
  });

  app.get('/login/link', async (req, reply) => {
    const token = ((req.query ?? {}) as Record<string, string>).token ?? '';
    return sendHtml(reply, linkConfirmPage(langOf(req, reply), token));
  });

  app.post('/login/link', { config: { action: 'web.login_link' } }, async (req, reply) => {
    await ctx.authFailures.assertNotBlocked(req, reply);
    const used = await consumeSignInLink(ctx.db, (formOf(req).token ?? '').trim());
    if (!used) {
      await ctx.authFailures.failed(req);
      return login(req, reply, { error: { message: signInWords(langOf(req, reply)).badLink, field: null } }, 401);
    }
    req.user = { id: used.userId } as AuthUser; // for the audit log
    await startSession(ctx.db, req, reply, publicUrl, used.userId, 'email');
    return reply.redirect(safeNext(used.next), 303);
  });

  app.get('/auth/oidc/start', async (req, reply) => {
    if (!oidc) throw new ApiError(404, 'not_found', signInWords(langOf(req, reply)).noOidc);
    const next = safeNext(((req.query ?? {}) as Record<string, string>).next);
    let started: Awaited<ReturnType<typeof oidc.start>>;
    try {
      started = await oidc.start(next);
    } catch (err) {
      // The provider is down or misconfigured: say so on the login page, where the email link still works.
      ctx.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'OIDC provider unreachable');
      return login(req, reply, { error: { message: signInWords(langOf(req, reply)).oidcDown, field: null }, next }, 503);
    }
    const { url, tx } = started;
    // Lax: the provider sends the browser back with a cross-site top-level GET, which must carry it.
    reply.setCookie(OIDC_COOKIE, Buffer.from(JSON.stringify(tx)).toString('base64url'), {
      path: '/auth/oidc',
      httpOnly: true,
      sameSite: 'lax',
      secure: publicUrl.startsWith('https:'),
      maxAge: 600,
    });
    return reply.redirect(url, 303);
  });

  app.get('/auth/oidc/callback', { config: { action: 'web.login_oidc' } }, async (req, reply) => {
    if (!oidc) throw new ApiError(404, 'not_found', signInWords(langOf(req, reply)).noOidc);
    await ctx.authFailures.assertNotBlocked(req, reply);
    const s = signInWords(langOf(req, reply));
    const tx = transactionOf(req.cookies?.[OIDC_COOKIE]);
    reply.clearCookie(OIDC_COOKIE, { path: '/auth/oidc' });
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
    const outcome = tx ? await oidc.finish(query, tx) : ({ ok: false, reason: 'failed', detail: 'no sign-in under way in this browser' } as const);
    if (!outcome.ok) {
      await ctx.authFailures.failed(req);
      req.audit = { detail: { reason: outcome.detail } };
      return login(req, reply, { error: { message: outcome.reason === 'unverified' ? s.oidcUnverified : s.badOidc, field: null } }, 401);
    }
    const person = await activePersonByEmail(ctx.db, outcome.email);
    if (!person) {
      await ctx.authFailures.failed(req);
      req.audit = { detail: { reason: 'no active person with that email' } };
      return login(req, reply, { error: { message: s.oidcNoPerson, field: null } }, 403);
    }
    req.user = { id: person.id } as AuthUser;
    await startSession(ctx.db, req, reply, publicUrl, person.id, 'oidc');
    return reply.redirect(safeNext(tx!.next), 303);
  });

  app.post('/logout', async (req, reply) => {
    const secret = sessionSecret(req, publicUrl);
    const me = secret ? await userForSession(ctx.db, secret) : null;
    if (me) await revokeSession(ctx.db, me.sessionId, 'logout', me.id);
    clearSessionCookie(reply, publicUrl);
    return reply.redirect('/login', 303);
  });

  async function renderSessions(req: FastifyRequest, reply: FastifyReply, flash: string | null, error: ApiError | null = null) {
    const user = req.user!;
    const lang = langOf(req, reply);
    const sessions = (await listSessions(ctx.db, [user.id], user.sessionId)).get(user.id) ?? [];
    return sendHtml(reply, sessionsPage(user, lang, sessions, flash, error ? { message: error.message, field: error.field } : null), error?.status ?? 200);
  }

  app.get('/sessions', web('web.sessions'), async (req, reply) => {
    const done = ((req.query ?? {}) as Record<string, string>).done;
    return renderSessions(req, reply, done === 'ended' ? signInWords(langOf(req, reply)).sessionEnded : null);
  });

  type WithId = { Params: { id: string } };
  app.post<WithId>('/sessions/:id/revoke', web('session.revoke'), async (req, reply) => {
    const user = req.user!;
    try {
      const { id } = parseInput(SessionPathSchema, req.params);
      req.audit = { detail: { sessionId: id, userId: user.id } };
      if (!(await revokeSession(ctx.db, id, user.id, user.id))) throw new ApiError(404, 'not_found', signInWords(langOf(req, reply)).sessionNotFound, 'id');
      if (id === user.sessionId) {
        clearSessionCookie(reply, publicUrl);
        return reply.redirect('/login', 303);
      }
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return renderSessions(req, reply, null, err);
    }
    return reply.redirect('/sessions?done=ended', 303);
  });

  // An admin ends anyone's session from /admin/users.
  app.post<WithId>('/admin/sessions/:id/revoke', { ...web('session.revoke'), preHandler: async (req: FastifyRequest) => assertCan(req.user!, 'manage_users') }, async (req, reply) => {
    const { id } = parseInput(SessionPathSchema, req.params);
    req.audit = { detail: { sessionId: id } };
    const owner = await revokeSession(ctx.db, id, req.user!.id);
    if (!owner) throw new ApiError(404, 'not_found', signInWords(langOf(req, reply)).sessionNotFound, 'id');
    req.audit.detail = { sessionId: id, userId: owner };
    return reply.redirect('/admin/users?done=session_ended', 303);
  });
}

function transactionOf(cookie: string | undefined): OidcTransaction | null {
  if (!cookie) return null;
  try {
    const tx = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<OidcTransaction>;
    return typeof tx.state === 'string' && typeof tx.nonce === 'string' && typeof tx.verifier === 'string' && typeof tx.next === 'string' ? (tx as OidcTransaction) : null;
  } catch {
    return null;
  }
}
