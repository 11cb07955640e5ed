import { type Kysely, sql } from 'kysely';

/** Who gets told (users and their language), the DOF closures added by admins, and when each message was due. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('caseworker', 'supervisor', 'lawyer', 'director', 'admin')`))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('es').check(sql`language in ('es', 'en')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('overlays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The validated overlay as domain/overlays.ts defines it: one shape for seed data, files and the API.
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('notifications').addColumn('scheduled_for', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('scheduled_for').execute();
  await db.schema.dropTable('overlays').execute();
  await db.schema.dropTable('users').execute();
}
