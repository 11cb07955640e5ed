import { isSync } from '../web/offlineMarks';
import { recordAudit } from '../../db/auditLog';
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import type { AuthUser } from '../../app/auth';
import type { FiguresThread } from '../../app/program/figuresThread';
import { databaseHealth } from '../../app/health';
import { deliveryTrouble } from '../../db/queries/deliveryTrouble';
import { registerStatusRoutes } from '../web/statusRoutes';
import { registerCalendarRoutes } from '../calendar/calendarRoutes';
import cookie from '@fastify/cookie';
import type { Transporter } from 'nodemailer';
import { errorPage, registerWebRoutes } from '../web/webRoutes';
import { createOidc, type OidcSettings } from '../../app/people/oidc';
import { clearSessionCookie, sessionSecret, webUser } from '../../app/people/sessions';
import { parseForm } from '../web/webForms';
import { bearerToken, userForApiToken } from '../../app/auth';
import { registerCodecRoutes } from './codecRoutes';
import { registerCaseRoutes } from './casesRoutes';
import { registerDeadlineRoutes } from './deadlinesRoutes';
import { ApiError } from '../../app/errors';
import { registerHardening } from './hardening';
import { registerApiMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { registerRulePackRoutes } from './rulePacksRoutes';
import { registerOverlayRoutes } from './overlaysRoutes';
import { registerClosuresRoutes } from './closuresRoutes';
import { registerListsRoutes } from './listsRoutes';
import { registerUserRoutes } from './usersRoutes';
import { registerImportRoutes } from './importRoutes';
import { bodyProblem, invalidFormUtf8Field, invalidUtf8Field } from '../../app/textSafety';
import { fastifyTrustProxy, type TrustProxy } from '../../config/trustProxy';
import type { RouteContext } from './routeContext';

export interface ApiDeps {
  db: Db;
  /** The health check's own connection (db/database.ts createProbeDb), apart from the pool the pages use; default db. */
  healthDb?: Db;
  temporal: Client;
  /** The payload codec the Temporal UI decrypts through (/codec/decode, admins only). */
  codec: PayloadCodec;
  logger: Logger;
  /** Task queue the case workflows run on (TEMPORAL_TASK_QUEUE). */
  taskQueue?: string;
  namespace?: string;
  /** Base of links to the Temporal Web UI (TEMPORAL_UI_URL). */
  temporalUiUrl?: string;
  /** Base of the links this server writes (PUBLIC_URL). */
  publicUrl?: string;
  projectionTimeoutMs?: number;
  /** Failed sign-ins one client address, and one token prefix, may make per minute before 429 (PLAZO_AUTH_FAILURES_PER_MINUTE). */
  authFailuresPerMinute?: number;
  /** The proxies believed about the client's address and scheme (PLAZO_TRUST_PROXY, config/trustProxy.ts); default none. */
  trustProxy?: TrustProxy;
  /** SMTP transport for sign-in links (the worker's SMTP settings); without one no link can be sent. */
  mailer?: Transporter;
  /** MAIL_FROM. */
  mailFrom?: string;
  /** Single sign-on (OIDC_*), when configured. */
  oidc?: OidcSettings | null;
  /** The program's figures computed off the event loop (app/program/figuresThread.ts); default on it. */
  figuresThread?: FiguresThread;
}

/** Fastify's own 4xx errors, named for what the client did. */
const FASTIFY_CODES: Record<string, [code: string, message: string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'the body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'the body is empty but content-type is application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['body_too_large', 'the body is larger than 64 KiB'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'send application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'content-length does not match the body'],
};

/**
 * The router's limit on one path parameter (find-my-way's maxParamLength; Fastify's default 100 answered
 * a longer one with its own 414 shape, skipping every hook). Up to this, a long parameter reaches its
 * route, which refuses it as it refuses any unknown id, with the usual headers; past it, frameworkErrors.
 */
const MAX_PARAM_LENGTH = 2000;

const isJsonPath = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/calendar/') || url.startsWith('/codec/');

export function buildServer({ db, healthDb = db, temporal, codec, logger, ...opts }: ApiDeps) {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    clientErrorHandler: answerClientError,
    trustProxy: fastifyTrustProxy(opts.trustProxy ?? false),
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // The router's own refusals (a path parameter too long, a %-escape that decodes to nothing) in Plazo's error
    // shape; no hook runs for them (no route was found), so the no-store of hardening.ts is set here.
    frameworkErrors: (err, req, reply) =>
      sendError(
        req,
        reply.header('cache-control', 'no-store'),
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new ApiError(414, 'uri_too_long', `a path segment is longer than ${MAX_PARAM_LENGTH} characters`, 'path')
          : new ApiError(400, 'bad_request', 'the path is not a valid URL', 'path'),
      ),
  });
  const links = {
    publicUrl: opts.publicUrl ?? 'http://localhost:3000',
    temporalUiUrl: opts.temporalUiUrl ?? 'http://localhost:8233',
    namespace: opts.namespace ?? temporal.options.namespace ?? 'default',
  };
  const { authFailures, allowedMethods } = registerHardening(app, { publicUrl: links.publicUrl, authFailuresPerMinute: opts.authFailuresPerMinute });
  registerApiMetrics(app, { authFailures });
  void app.register(cookie);
  const signIn = {
    mail: { mailer: opts.mailer, from: opts.mailFrom ?? 'Plazo <plazo@localhost>', publicUrl: links.publicUrl, logger },
    oidc: opts.oidc ? createOidc(opts.oidc) : null,
  };
  const figuresThread = opts.figuresThread;
  const figures = figuresThread && ((_: Db, user: AuthUser) => figuresThread.load(user));
  const ctx: RouteContext = { db, temporal, taskQueue: opts.taskQueue ?? 'plazo-cases', projectionTimeoutMs: opts.projectionTimeoutMs, links, logger, codec, authFailures, signIn, figures };

  // JSON bytes that are not UTF-8 are refused naming the field, never stored as U+FFFD.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const field = invalidUtf8Field(body as Buffer);
    if (field) return done(new ApiError(400, 'invalid_request', 'is not valid UTF-8', field), undefined);
    parseJson(req, (body as Buffer).toString('utf8'), done);
  });
  // HTML forms post application/x-www-form-urlencoded; the API itself takes JSON only (checked below).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    const field = invalidFormUtf8Field(body as Buffer);
    if (field) return done(new ApiError(400, 'invalid_request', 'is not valid UTF-8', field), undefined);
    done(null, parseForm((body as Buffer).toString('utf8')));
  });

  app.addHook('onRequest', async (req, reply) => {
    const auth = req.routeOptions.config?.auth;
    if (auth === 'api') {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if ((req.method === 'POST' || req.method === 'PATCH') && hasBody && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        throw new ApiError(415, 'unsupported_media_type', 'send the body as application/json', 'body');
      }
      await authFailures.assertNotBlocked(req, reply);
      const token = bearerToken(req.headers.authorization);
      req.user = (token && (await userForApiToken(db, token))) || undefined;
      if (!req.user) {
        await authFailures.failed(req);
        reply.header('www-authenticate', 'Bearer');
        throw new ApiError(401, 'unauthorized', token ? 'the bearer token is not valid' : 'send Authorization: Bearer <token>');
      }
    } else if (auth === 'web') {
      // Cross-site form posts were refused before this (hardening.ts). A session cookie is a token too:
      // a bad one counts as a failed sign-in, and is cleared so a stale one is counted once.
      const hasCookie = sessionSecret(req, links.publicUrl) !== undefined;
      if (hasCookie) await authFailures.assertNotBlocked(req, reply);
      req.user = (await webUser(ctx.db, req, links.publicUrl)) ?? undefined;
      if (!req.user) {
        if (hasCookie) {
          await authFailures.failed(req);
          clearSessionCookie(reply, links.publicUrl);
        }
        // The offline app's worker (client/web/pwa) is told plainly, and clears the device.
        if (isSync(req)) throw new ApiError(401, 'unauthorized', 'not signed in');
        return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
      }
      // A page is drawn only for a GET: one indexed query on the ledger's unsent rows for its banner.
      if (req.method === 'GET') req.user.deliveryTrouble = await deliveryTrouble(db, req.user.email);
    }
  });

  // The same check on the query string and the path's parameters (a %00 would reach Postgres and fail there).
  app.addHook('preHandler', async (req) => {
    const problem = (req.body === undefined ? null : bodyProblem(req.body)) ?? bodyProblem(req.query ?? {}) ?? bodyProblem(req.params ?? {});
    if (problem) throw new ApiError(400, 'invalid_request', problem.message, problem.field);
  });

  /** Every read and write through the API and the pages: who, what, which case, when, from where. */
  app.addHook('onResponse', async (req, reply) => {
    const action = req.routeOptions.config?.action;
    if (!action) return;
    try {
      await recordAudit(db, {
        user_id: req.user?.id ?? null,
        action,
        case_id: req.audit?.caseId ?? null,
        method: req.method,
        // The route pattern, never the raw URL: calendar tokens live in paths.
        path: req.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ip: req.ip,
        detail: req.audit?.detail || null,
      });
    } catch (err) {
      logger.error({ err, action }, 'audit log write failed');
    }
  });

  /** Liveness and readiness: 200 only when both Postgres and Temporal answer. */
  app.get('/api/health', async (_req, reply) => {
    const [database, temporalStatus] = await Promise.all([
      databaseHealth(healthDb),
      temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'ok',
        (err: Error) => `error: ${err.message}`,
      ),
    ]);
    const healthy = database === 'ok' && temporalStatus === 'ok';
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', database, temporal: temporalStatus });
  });

  const openapi = openApiDocument(links.publicUrl);
  app.get('/api/openapi.json', async () => openapi);

  registerCaseRoutes(app, ctx);
  registerDeadlineRoutes(app, ctx);
  registerOverlayRoutes(app, ctx);
  registerClosuresRoutes(app, ctx);
  registerListsRoutes(app, ctx);
  registerRulePackRoutes(app, ctx);
  registerUserRoutes(app, ctx);
  registerImportRoutes(app, ctx);
  registerStatusRoutes(app, ctx);
  registerCodecRoutes(app, { ...ctx, codec });
  registerCalendarRoutes(app, ctx);
  registerWebRoutes(app, ctx);

  const sendError = (req: FastifyRequest, reply: FastifyReply, e: ApiError) => {
    if (isJsonPath(req.url) || isSync(req)) return reply.code(e.status).send(e.body());
    return reply.code(e.status).header('content-type', 'text/html; charset=utf-8').send(errorPage(req, e.status, e.message, e.field).toString());
  };

  /** No route for this method and path: 405 with Allow when the path has other methods, else 404. */
  const noRoute = (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0]!;
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      return sendError(req, reply.header('allow', allowed.join(', ')), new ApiError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}: use ${allowed.join(', ')}`));
    }
    return sendError(req, reply, new ApiError(404, 'not_found', `no route ${req.method} ${path}`));
  };
  app.setNotFoundHandler(noRoute);
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ApiError) return sendError(req, reply, err);
    // A body method (QUERY, PROPFIND…) that no route has fails fastify's content-type check before the 404 handler.
    if (req.is404) return noRoute(req, reply);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      logger.error({ err }, 'unhandled error');
      return sendError(req, reply, new ApiError(500, 'internal', 'internal error'));
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    // A route with a larger limit (a spreadsheet upload) names its own.
    const limit = req.routeOptions.bodyLimit;
    const message = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && limit ? `the body is larger than ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`}` : known?.[1];
    return sendError(req, reply, new ApiError(status, known?.[0] ?? err.code ?? 'bad_request', message ?? err.message, known ? 'body' : null));
  });
  return app;
}

/** Node's HTTP parser refused a request: as fastify's own handler, but an unknown method is 405; never a stack. */
const CLIENT_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  HPE_INVALID_METHOD: [405, 'method_not_allowed', 'unknown HTTP method'],
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'timeout', 'the request took too long to arrive'],
};
function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'bad_request', 'the request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message, field: null } });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
