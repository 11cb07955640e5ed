/**
 * The demo's Temporal UI, served on one origin with Plazo's codec endpoint, so the UI decodes payloads
 * for a signed-in admin out of the box. The dev server's built-in UI (`temporal server start-dev`,
 * CLI v1.5.1) takes only `--ui-codec-endpoint`: it never sets the UI's `includeCredentials`, so its codec
 * fetch runs in the browser's default 'same-origin' credentials mode and a cross-origin codec endpoint
 * never receives the session cookie. Here `/codec/*` goes to the API and everything else to the UI; cookies
 * are not scoped by port, so the session cookie set by the API's page reaches `/codec` on this origin.
 * Node's own http module: two routes, streamed both ways (node-http-proxy, the usual library, has had no
 * release since 2020).
 *
 * The UI itself has no sign-in (anyone reaching it could list, terminate or reset every case), so the
 * front serves it only to a Plazo admin, as the API decides: it asks GET /codec/access with the request's
 * session cookie or bearer token (204 for an admin; answers are kept 30 s, so a page's many requests ask
 * once). Anyone else gets 401 (with a link to sign in) or 403, and no byte of the UI.
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TemporalUiFront {
  port: number;
  close(): Promise<void>;
}

export interface TemporalUiFrontOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The dev server's UI, on 127.0.0.1. */
  uiPort: number;
  /** Plazo's API, on 127.0.0.1. */
  apiPort: number;
  /** Where a person signs in to Plazo (the API's /login), linked from the refusal page. */
  signInUrl: string;
}

/** How long an answer of the API about one cookie/token is kept. */
const ACCESS_TTL_MS = 30_000;

/** The codec protocol's paths (client/api/codecRoutes.ts): the only ones sent to the API. */
export const isCodecPath = (url: string) => /^\/codec\/(decode|encode)(\?|$)/.test(url);

export async function startTemporalUiFront(opts: TemporalUiFrontOptions): Promise<TemporalUiFront> {
  const verdicts = new Map<string, { status: number; until: number }>();
  /** The API's answer for this request's credentials: 204 (an admin), 401 or 403. */
  async function access(req: IncomingMessage): Promise<number> {
    const { cookie, authorization } = req.headers;
    if (!cookie && !authorization) return 401;
    const key = `${cookie ?? ''}\n${authorization ?? ''}`;
    const known = verdicts.get(key);
    if (known && known.until > Date.now()) return known.status;
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (authorization) headers.authorization = authorization;
    const status = (await fetch(`http://127.0.0.1:${opts.apiPort}/codec/access`, { headers })).status;
    if (verdicts.size > 1000) verdicts.clear();
    verdicts.set(key, { status, until: Date.now() + ACCESS_TTL_MS });
    return status;
  }

  const refuse = (res: ServerResponse, status: number) => {
    const why =
      status === 401
        ? `Inicie sesión en Plazo como administrador / Sign in to Plazo as an admin: <a href="${opts.signInUrl}">${opts.signInUrl}</a>`
        : status === 403
          ? 'Solo un administrador de Plazo / Plazo admins only'
          : status === 429
            ? 'Demasiados intentos fallidos / Too many failed sign-ins'
            : `Plazo no respondió / Plazo did not answer (${status})`;
    res.writeHead([401, 403, 429].includes(status) ? status : 502, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><title>Temporal UI</title><p>${why}</p>`);
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The codec goes to the API, which checks its caller itself (a CORS preflight carries no cookie).
    if (isCodecPath(req.url ?? '')) return forward(req, res, opts.apiPort);
    access(req).then(
      (status) => (status === 204 ? forward(req, res, opts.uiPort) : refuse(res, status)),
      () => refuse(res, 502),
    );
  });

  function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream on port ${port}: ${err.message}`);
    });
    req.pipe(upstream);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
