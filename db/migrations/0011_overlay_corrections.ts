import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * A DOF closure or suspension entered wrong can be corrected or withdrawn, with a reason: the row keeps
 * who withdrew it and why, and every earlier version of its body. Additive: existing overlays stay in force.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('overlays')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('corrections', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('overlays').dropColumn('corrections').dropColumn('withdraw_reason').dropColumn('withdrawn_by').dropColumn('withdrawn_at').execute();
}
