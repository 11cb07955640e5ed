import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry } from 'prom-client';
import type { AuthFailureLimiter } from './hardening';

declare module 'fastify' {
  interface FastifyInstance {
    /** The API's Prometheus metrics, served on their own port by main.ts (metrics/metricsServer.ts). */
    plazoMetrics: Registry;
  }
}

/**
 * Request latency by route and failed sign-ins. The route label is the pattern (/api/cases/:caseId),
 * never the raw URL: case ids and calendar tokens live in paths. One registry per server instance.
 */
export function registerApiMetrics(app: FastifyInstance, { authFailures }: { authFailures: AuthFailureLimiter }): void {
  const registry = new Registry();
  const latency = new Histogram({
    name: 'plazo_http_request_duration_seconds',
    help: 'API and page requests, from arrival to the response sent, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const signInFailures = new Counter({
    name: 'plazo_sign_in_failures_total',
    help: 'Failed sign-ins (a bad bearer token, login link, session cookie, feed token or one-click link).',
    registers: [registry],
  });
  app.decorate('plazoMetrics', registry);
  app.addHook('onResponse', async (req, reply) => {
    // No route matched: one label value for every unknown path, so a scanner cannot grow the series.
    latency.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  // Every failed sign-in already goes through the limiter (hardening.ts); counted there, in one place.
  const failed = authFailures.failed.bind(authFailures);
  authFailures.failed = async (req) => {
    signInFailures.inc();
    await failed(req);
  };
}
