import { sql, type Kysely } from 'kysely';

/**
 * The child's record a best-interests determination needs (sex, languages, interpreter, accompaniment,
 * family tracing, disputed age, where and by whom identified) and the placement history, as the case's
 * projection writes them from the workflow's state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('child_sex', 'text')
    .addColumn('child_languages', sql`text[]`)
    .addColumn('interpreter_needed', 'boolean')
    .addColumn('accompaniment', 'text')
    .addColumn('family_tracing', 'text')
    .addColumn('age_disputed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('identified_place', 'text')
    .addColumn('identified_by', 'text')
    .addColumn('placements', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .dropColumn('child_sex')
    .dropColumn('child_languages')
    .dropColumn('interpreter_needed')
    .dropColumn('accompaniment')
    .dropColumn('family_tracing')
    .dropColumn('age_disputed')
    .dropColumn('identified_place')
    .dropColumn('identified_by')
    .dropColumn('placements')
    .execute();
}
