import Fastify from 'fastify';
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  logger: Logger;
}

export function buildServer({ db, temporal, logger }: ApiDeps) {
  const app = Fastify({ loggerInstance: logger, bodyLimit: 64 * 1024 });

  /** Liveness and readiness: 200 only when both Postgres and Temporal answer. */
  app.get('/api/health', async (_req, reply) => {
    const [database, temporalStatus] = await Promise.all([
      sql`select 1`.execute(db).then(
        () => 'ok',
        (err: Error) => `error: ${err.message}`,
      ),
      temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'ok',
        (err: Error) => `error: ${err.message}`,
      ),
    ]);
    const healthy = database === 'ok' && temporalStatus === 'ok';
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', database, temporal: temporalStatus });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url}`, field: null } }),
  );
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) logger.error({ err }, 'unhandled error');
    return reply.code(status).send({ error: { code: err.code ?? 'error', message: status === 500 ? 'internal error' : err.message, field: null } });
  });
  return app;
}
