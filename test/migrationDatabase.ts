/**
 * A fresh database for a migration test: created before the file's tests, dropped after them. Tests
 * migrate it up to a migration, write rows as they were then, and run the rest (`migrateToLatest`).
 */
import { Migrator } from 'kysely';
import type { Db } from '../db/database';
import { migrations } from '../db/migrations';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export function freshDatabase(): { readonly db: Db; readonly url: string } {
  let pg: TestDatabase | undefined;
  beforeAll(async () => {
    pg = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await pg?.drop();
  });
  return {
    get db() {
      if (!pg) throw new Error('the database exists only inside tests');
      return pg.db;
    },
    get url() {
      if (!pg) throw new Error('the database exists only inside tests');
      return pg.url;
    },
  };
}

/** Runs the migrations up to and including `name`. */
export async function migrateTo(db: Db, name: string): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo(name);
  if (error) throw error;
}

/** The names of the migrations after `name`, in order: what migrateToLatest should report running. */
export const migrationsAfter = (name: string): string[] => Object.keys(migrations).filter((n) => n > name);
