import type { Db } from '../../db/database';

/** Everyone's name by id, active or not: a timeline names the people who acted on a case years ago. */
export async function userNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
