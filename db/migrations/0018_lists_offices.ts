import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { matchListEntry } from '../../domain/lists/adminList';
import { ADMIN_LISTS } from '../../domain/lists/lists';
import { matchNationality } from '../../domain/lists/nationalities';

/**
 * Offices and places as admin-managed lists, nationalities as ISO 3166 codes (issue 23 item 5). Creates
 * the one table of list entries and loads the known offices and places; then rewrites the read model's
 * free-text offices to the listed office's name and nationalities to their ISO code. What matches
 * nothing is left as typed and written to list_migration_report (shown by `plazo admin lists report`).
 * Workflows keep their intake text: the deadline activity matches it to the list when it computes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('admin_list_entries')
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('admin_list_entries_pk', ['list', 'id'])
    .execute();
  await db.schema
    .createTable('list_migration_report')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('matched', 'text')
    .addColumn('migrated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // When each day-counted deadline's last day closes (the office's hour and zone, or 24:00) and why.
  await db.schema.alterTable('case_deadlines').addColumn('filing', 'jsonb').execute();

  // The two lists of this migration (later lists have their own migration: 0023 nationalities).
  for (const list of ['offices', 'places'] as const) {
    for (const { id, name, aliases, active, ...data } of ADMIN_LISTS[list].seed) {
      await sql`insert into admin_list_entries (list, id, name, aliases, data, active, updated_by)
        values (${list}, ${id}, ${name}, ${JSON.stringify(aliases)}::jsonb, ${JSON.stringify(data)}::jsonb, ${active}, 'migration 0018')`.execute(db);
    }
  }

  const cases = await sql<{ id: string; office: string | null; nationality: string | null }>`select id, office, nationality from cases where office is not null or nationality is not null`.execute(db);
  for (const c of cases.rows) {
    if (c.office !== null) {
      const office = matchListEntry(c.office, ADMIN_LISTS.offices.seed);
      await report(db, 'offices', c.id, c.office, office?.name);
      if (office && office.name !== c.office) await sql`update cases set office = ${office.name} where id = ${c.id}`.execute(db);
    }
    if (c.nationality !== null) {
      const code = matchNationality(c.nationality);
      await report(db, 'nationalities', c.id, c.nationality, code);
      if (code && code !== c.nationality) await sql`update cases set nationality = ${code} where id = ${c.id}`.execute(db);
    }
  }
}

async function report(db: Kysely<unknown>, list: string, caseId: string, text: string, matched: string | undefined): Promise<void> {
  await sql`insert into list_migration_report (list, source, row_id, text, matched) values (${list}, 'cases', ${caseId}, ${text}, ${matched ?? null})`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_deadlines').dropColumn('filing').execute();
  await db.schema.dropTable('list_migration_report').execute();
  await db.schema.dropTable('admin_list_entries').execute();
}
