/** What every route module gets: what the operations run with, and fastify typing for auth and audit. */
import type { PayloadCodec } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../../app/auth';
import type { AppDeps } from '../../app/appDeps';
import { ApiError } from '../../app/errors';
import type { AuthFailureLimiter } from './hardening';
import type { Oidc } from '../../app/people/oidc';
import type { LinkMail } from '../../app/people/signInLinks';
import type { FiguresLoader } from '../../app/program/currentProgramFigures';

/** The operations' dependencies (app/appDeps.ts), which the routes pass on, and what only the routes use. */
export interface RouteContext extends AppDeps {
  /** The payload codec: seals what must be shown again but never stored in clear (calendar links). */
  codec: PayloadCodec;
  /** Counts failed sign-ins per client address (429 past the limit). */
  authFailures: AuthFailureLimiter;
  /** How people sign in on the web: emailed links, and single sign-on when OIDC_ISSUER is set. */
  signIn: { mail: LinkMail; oidc: Oidc | null };
  /** Where the program's figures are computed (app/program/figuresThread.ts); default on the event loop. */
  figures?: FiguresLoader;
}

/** How a route authenticates: API bearer token, web session cookie, calendar token in the path, or none. */
export type AuthMode = 'api' | 'web' | 'calendar' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Name of the action in the audit log; routes without one are not audited (health, OpenAPI, assets). */
    action?: string;
    auth?: AuthMode;
  }
  interface FastifyRequest {
    user?: AuthUser;
    /** Filled by handlers: which case the request touched, and what else the audit log should keep. */
    audit?: { caseId?: string; detail?: Record<string, unknown> };
  }
}

export function userOf(req: FastifyRequest): AuthUser {
  if (!req.user) throw new ApiError(401, 'unauthorized', 'missing or invalid bearer token');
  return req.user;
}

export const created = <T>(reply: FastifyReply, body: T) => reply.code(201).send(body);

/** The caller's `Idempotency-Key` header, if any (app/idempotency.ts). */
export function writeOptions(req: FastifyRequest): { idempotencyKey?: string } {
  const key = req.headers['idempotency-key'];
  if (Array.isArray(key)) throw new ApiError(400, 'invalid_request', 'send one Idempotency-Key', 'Idempotency-Key');
  return key === undefined ? {} : { idempotencyKey: key };
}
