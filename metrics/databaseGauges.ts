import { Gauge, type Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../db/database';

/**
 * Plazo's Postgres as Prometheus sees it, read at scrape time: its size (for the disk alert's trend) and
 * its connections against max_connections (a full pool stops the API and the workers alike).
 */
export function registerDatabaseGauges(registry: Registry, db: Db): void {
  new Gauge({
    name: 'plazo_database_size_bytes',
    help: "Size of Plazo's database on disk.",
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db);
      this.set(Number(rows[0]!.n));
    },
  });
  new Gauge({
    name: 'plazo_database_connections',
    help: 'Connections open on the Postgres server (every database).',
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where backend_type = 'client backend'`.execute(db);
      this.set(Number(rows[0]!.n));
    },
  });
  new Gauge({
    name: 'plazo_database_max_connections',
    help: "The Postgres server's max_connections.",
    registers: [registry],
    async collect() {
      const { rows } = await sql<{ n: string }>`select current_setting('max_connections') as n`.execute(db);
      this.set(Number(rows[0]!.n));
    },
  });
}
