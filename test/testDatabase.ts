import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { createDb, migrateToLatest, type Db } from '../db/database';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

/** A fresh, migrated database on the run's real Postgres server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.PLAZO_TEST_PG_ADMIN_URL;
  if (!adminUrl) throw new Error('PLAZO_TEST_PG_ADMIN_URL is not set: run tests through jest (test/globalSetup.ts starts Postgres)');
  const name = `plazo_test_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 5);
  await migrateToLatest(db);
  return {
    url: url.toString(),
    db,
    async drop() {
      await db.destroy();
      await admin(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
