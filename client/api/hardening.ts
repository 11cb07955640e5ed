/**
 * What the server does for every request before any route sees it, against a hostile network:
 * security headers (@fastify/helmet), `no-store` on every answer that does not say otherwise, the
 * cross-site check on form posts (login and logout included), 405 for a method a path does not have,
 * and a limit on failed sign-ins per client address and per token (@fastify/rate-limit).
 */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { INLINE_SCRIPTS } from '../web/inlineScripts';
import { bearerToken } from '../../app/auth';
import { ApiError } from '../../app/errors';
import { parseCookies } from '../../app/people/cookies';
import { sessionCookieName } from '../../app/people/sessions';

const cspHash = (script: string) => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a state-changing request from a browser is refused, or null. The same rule as Go's
 * net/http.CrossOriginProtection: Sec-Fetch-Site when the browser sends it (every current one does),
 * else the Origin header, which must parse and be this server's origin, scheme included (an http page
 * on the same host is another origin: on a network that can inject one, it must not post here); a
 * request with neither is not from a browser and cannot be forged by a page. SameSite=Lax already keeps
 * the session cookie off cross-site posts; this also stops login CSRF, where the attacker needs no
 * cookie of the victim's.
 */
export function crossSiteRefusal(req: FastifyRequest, publicOrigin: string): string | null {
  if (!UNSAFE_METHODS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' ? null : `a ${site} form post is refused`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  let url: URL | null = null;
  try {
    url = new URL(origin); // 'null' (sandboxed or privacy-stripped) and garbage do not parse
  } catch {
    url = null;
  }
  // req.protocol is the proxy's X-Forwarded-Proto only when PLAZO_TRUST_PROXY names that proxy.
  const sameOrigin = url !== null && (url.origin === publicOrigin || (url.host === req.headers.host && url.protocol === `${req.protocol}:`));
  return sameOrigin ? null : 'a cross-site form post is refused';
}

/**
 * The secret a request signs in with, wherever its route carries it: a bearer token (API, codec), the
 * `token` field of a login or sign-in-link form, an acknowledgement link's path (/ack/:token), a feed's
 * path (/calendar/:file), else the session cookie.
 */
export function presentedSecret(req: FastifyRequest, cookieName: string): string | null {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer) return bearer;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body.token === 'string' && body.token.trim()) return body.token.trim();
  const params = req.params as Record<string, unknown> | undefined;
  if (typeof params?.token === 'string') return params.token;
  if (typeof params?.file === 'string') return params.file.replace(/\.ics$/, '');
  return parseCookies(req.headers.cookie)[cookieName] || null;
}

/**
 * What a secret's failures are counted under: its kind (`plz_`, `plzcal_`, `plzack_`) and its next 8
 * characters. Guesses that vary the rest of one token, or one stolen token replayed from many addresses,
 * are counted together; another person's token (48 other random bits) is not held up by them.
 */
export const secretPrefix = (secret: string) => secret.slice(0, (/^[A-Za-z]{1,10}_/.exec(secret)?.[0].length ?? 0) + 8);

/**
 * Failed sign-ins (a bad bearer token, login token, sign-in or acknowledgement link, session cookie or
 * feed token), counted per client address (the proxy's X-Forwarded-For when PLAZO_TRUST_PROXY names the
 * proxy) and per token prefix. Either over the limit answers 429 for it alone: one client's bad cookies do
 * not lock anyone else out, and a token retried from many addresses is stopped all the same.
 */
export interface AuthFailureLimiter {
  /** Throws 429 (with Retry-After) while the address or the presented token's prefix is over the limit: checked before the token is looked at. */
  assertNotBlocked(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Counts one failure, for the address and for the presented token's prefix. */
  failed(req: FastifyRequest): Promise<void>;
}

export interface HardeningOptions {
  publicUrl: string;
  /** Failed sign-ins one address, and one token prefix, may make per minute before 429 (default 20). */
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
        // The offline app (client/web/pwa): its manifest and its service worker, from this origin only.
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
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

  const publicOrigin = new URL(opts.publicUrl).origin;
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/codec/') || req.url.startsWith('/calendar/')) return; // bearer-token JSON: no cookies to ride on
    const refusal = crossSiteRefusal(req, publicOrigin);
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
  const cookieName = sessionCookieName(opts.publicUrl);
  const secretKey = (req: FastifyRequest) => {
    const secret = presentedSecret(req, cookieName);
    return secret ? `secret:${secretPrefix(secret)}` : null;
  };
  type Check = ReturnType<FastifyInstance['createRateLimit']>;
  let byAddress: Check | undefined;
  let bySecret: Check | undefined;
  // Created on first use: the plugin's decorator exists once fastify has loaded it.
  const limiters = () => {
    byAddress ??= app.createRateLimit({ max, timeWindow: 60_000 });
    bySecret ??= app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (req) => secretKey(req) ?? 'secret:none' });
    return { byAddress, bySecret };
  };
  const authFailures: AuthFailureLimiter = {
    async assertNotBlocked(req, reply) {
      const { byAddress, bySecret } = limiters();
      const checks: [string, Check][] = [['from this address', byAddress]];
      if (secretKey(req)) checks.push(['with this token', bySecret]);
      for (const [what, check] of checks) {
        const status = await check(req, { increment: false });
        if (!status.isAllowed && status.remaining <= 0) {
          const wait = Math.max(1, status.ttlInSeconds);
          reply.header('retry-after', String(wait));
          throw new ApiError(429, 'too_many_requests', `too many failed sign-ins ${what}: try again in ${wait} s`);
        }
      }
    },
    async failed(req) {
      const { byAddress, bySecret } = limiters();
      await byAddress(req);
      if (secretKey(req)) await bySecret(req);
    },
  };
  const allowedMethods = (path: string) => [...new Set(patterns.filter((p) => p.re.test(path)).flatMap((p) => [...p.methods]))].sort();
  return { authFailures, allowedMethods };
}
