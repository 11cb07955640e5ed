import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { SEED_NATIONALITIES } from '../../domain/lists/nationalities';

/**
 * The admin list 'nationalities': words that also name an ISO country ("hondureña", "guatemalteco"),
 * seeded with the region's demonyms. Rows of the one list table of migration 0018; nothing else changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { id, name, aliases, active } of SEED_NATIONALITIES) {
    await sql`insert into admin_list_entries (list, id, name, aliases, data, active, updated_by)
      values ('nationalities', ${id}, ${name}, ${JSON.stringify(aliases)}::jsonb, '{}'::jsonb, ${active}, 'migration 0023')
      on conflict (list, id) do nothing`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from admin_list_entries where list = 'nationalities'`.execute(db);
}
