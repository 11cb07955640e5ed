import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  registry: Registry;
  host: string;
  port: number;
  /** Another exporter on this machine whose text is appended (the Temporal SDK's), so one scrape gets both. */
  upstream?: string;
}

/** GET /metrics in Prometheus' text format on its own port; nothing else is served there. */
export async function serveMetrics(opts: MetricsServerOptions): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    Promise.all([opts.registry.metrics(), opts.upstream ? upstreamText(opts.upstream) : ''])
      .then(([own, other]) => res.writeHead(200, { 'content-type': opts.registry.contentType }).end(own + other))
      // A gauge that cannot read Postgres fails the scrape: Prometheus records the target as down (alerted).
      .catch((err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${err.message}\n`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The upstream's exposition; unreachable, a comment saying so (its series then go missing: alerted as absent). */
async function upstreamText(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    return text.endsWith('\n') || text === '' ? text : `${text}\n`;
  } catch (err) {
    return `# upstream ${url} unavailable: ${(err as Error).message}\n`;
  }
}

/** Where to reach a listener bound to `host` from this machine (a wildcard address is reached on loopback). */
export function localUrl(host: string, port: number, path = '/metrics'): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}${path}`;
}
