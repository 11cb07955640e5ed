/**
 * The demo's Temporal UI, served on one origin with Plazo's codec endpoint, so the UI decodes payloads
 * for a signed-in admin out of the box. The dev server's built-in UI (`temporal server start-dev`,
 * CLI v1.5.1) takes only `--ui-codec-endpoint`: it never sets the UI's `includeCredentials`, so its codec
 * fetch runs in the browser's default 'same-origin' credentials mode and a cross-origin codec endpoint
 * never receives the session cookie. Here `/codec/*` goes to the API and everything else to the UI; cookies
 * are not scoped by port, so the session cookie set by the API's page reaches `/codec` on this origin.
 * Node's own http module: two routes, streamed both ways (node-http-proxy, the usual library, has had no
 * release since 2020).
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
}

/** The codec protocol's paths (client/api/codecRoutes.ts): the only ones sent to the API. */
export const isCodecPath = (url: string) => /^\/codec\/(decode|encode)(\?|$)/.test(url);

export async function startTemporalUiFront(opts: TemporalUiFrontOptions): Promise<TemporalUiFront> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const port = isCodecPath(req.url ?? '') ? opts.apiPort : opts.uiPort;
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`upstream on port ${port}: ${err.message}`);
    });
    req.pipe(upstream);
  });
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
