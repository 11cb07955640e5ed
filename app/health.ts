import { sql } from 'kysely';
import type { Db } from '../db/database';

/** 'ok' when Postgres answers, otherwise why not (GET /api/health). */
export const databaseHealth = (db: Db): Promise<string> =>
  sql`select 1`.execute(db).then(
    () => 'ok',
    (err: Error) => `error: ${err.message}`,
  );
