import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';

/**
 * One real Postgres for the whole run: DATABASE_URL's server if set, else an embedded one. Each test file
 * creates its own database on it (test/testDatabase.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.PLAZO_TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'plazo-test-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pg = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  process.env.PLAZO_TEST_PG_ADMIN_URL = pg.adminUrl;
  (globalThis as { __plazoPg?: { stop(): Promise<void> } }).__plazoPg = pg;
}
