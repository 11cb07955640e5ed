/**
 * What the server does for every request before any route sees it, against a hostile network:
 * security headers (@fastify/helmet), `no-store` on every answer that does not say otherwise, the
 * cross-site check on form posts (login and logout included), 405 for a method a path does not have,
 * and a limit on failed sign-ins per client address (@fastify/rate-limit).
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { INLINE_SCRIPTS } from '../web/inlineScripts';
import { ApiError } from '../../app/errors';

const cspHash = (script: string) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a state-changing request from a browser is refused, or null. The same rule as Go's
 * net/http.CrossOriginProtection: Sec-Fetch-Site when the browser sends it (every current one does),
 * else the Origin header, which must parse and name this server; a request with neither is not from a
 * browser and cannot be forged by a page. SameSite=Strict already keeps the session cookie off
 * cross-site posts; this also stops login CSRF, where the attacker needs no cookie of the victim's.
 */
export function crossSiteRefusal(req: FastifyRequest, publicHost: string): string | null {
  if (!UNSAFE_METHODS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' ? null : `a ${site} form post is refused`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let host: string | null = null;
  try {
    host = new URL(origin).host; // 'null' (sandboxed or privacy-stripped) and garbage do not parse
  } catch {
    host = null;
  }
  return host !== null && (host === req.headers.host || host === publicHost) ? null : 'a cross-site form post is refused';
}

/** Failed sign-ins (a bad bearer token, login token, session cookie or feed token), counted per client address. */
export interface AuthFailureLimiter {
  /** Throws 429 (with Retry-After) while the address is over the limit: checked before the token is looked at. */
  assertNotBlocked(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts one failure. */
  failed(req: FastifyRequest): Promise<void>;
}

export interface HardeningOptions {
  publicUrl: string;
  /** Failed sign-ins one address may make per minute before it gets 429 (default 20). */
  authFailuresPerMinute?: number;
}

export interface Hardening {
  authFailures: AuthFailureLimiter;
  /** The methods a path has routes for (empty when none matches it). */
  allowedMethods(path: string): string[];
}

export function registerHardening(app: FastifyInstance, opts: HardeningOptions): Hardening {
  const https = opts.publicUrl.startsWith('https:');
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        // 'self': the pages' one external script (/assets/plazo.js, client/web/assets.ts); inline ones by hash.
        scriptSrc: ["'self'", ...INLINE_SCRIPTS.map(cspHash)],
        // The pages' one <style> block and a few style attributes; styles cannot run code.
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Not 'no-referrer' (helmet's default): with it browsers send `Origin: null` on our own form posts.
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  void app.register(rateLimit, { global: false });

  // Children's data must not stay in a browser's or a proxy's cache: no-store unless a route says otherwise.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const publicHost = new URL(opts.publicUrl).host;
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/codec/') || req.url.startsWith('/calendar/')) return; // bearer-token JSON: no cookies to ride on
    const refusal = crossSiteRefusal(req, publicHost);
    if (refusal) throw new ApiError(403, 'forbidden', refusal);
  });

  // Which methods each route pattern has, so a known path with another method answers 405 with Allow.
  const patterns: { re: RegExp; methods: Set<string> }[] = [];
  app.addHook('onRoute', (route) => {
    const source = `^${route.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]\w*/g, '[^/]+')}$`;
    let entry = patterns.find((p) => p.re.source === source);
    if (!entry) patterns.push((entry = { re: new RegExp(source), methods: new Set() }));
    for (const m of [route.method].flat()) entry.methods.add(m);
  });

  const max = opts.authFailuresPerMinute ?? 20;
  let check: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  // Created on first use: the plugin's decorator exists once fastify has loaded it.
  const limiter = () => (check ??= app.createRateLimit({ max, timeWindow: 60_000 }));
  const authFailures: AuthFailureLimiter = {
    async assertNotBlocked(req, reply) {
      const status = await limiter()(req, { increment: false });
      if (!status.isAllowed && status.remaining <= 0) {
        reply.header('retry-after', String(Math.max(1, status.ttlInSeconds)));
        throw new ApiError(429, 'too_many_requests', `too many failed sign-ins from this address: try again in ${Math.max(1, status.ttlInSeconds)} s`);
      }
    },
    async failed(req) {
      await limiter()(req);
    },
  };
  const allowedMethods = (path: string) => [...new Set(patterns.filter((p) => p.re.test(path)).flatMap((p) => [...p.methods]))].sort();
  return { authFailures, allowedMethods };
}
