import { type Kysely, sql } from 'kysely';

/** What people read: cases, their deadlines and timelines, projected by the workflow through an activity. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('rule_pack', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('child_name', 'text', (c) => c.notNull())
    .addColumn('child_birth_date', 'date')
    .addColumn('nationality', 'text')
    .addColumn('office', 'text')
    .addColumn('caseworker_id', 'text', (c) => c.notNull())
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('lawyer_id', 'text', (c) => c.notNull())
    .addColumn('detained', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz')
    .addColumn('close_reason', 'text')
    .addColumn('next_due_instant', 'timestamptz')
    // The workflow's event counter: an older projection never overwrites a newer one.
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('case_deadlines')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('deadline_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('late', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('calendar', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('due_latest', 'text', (c) => c.notNull())
    .addColumn('due_instant', 'timestamptz', (c) => c.notNull())
    .addColumn('due_latest_instant', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('citation', 'text', (c) => c.notNull())
    .addColumn('skipped', 'jsonb', (c) => c.notNull())
    .addColumn('overlays_applied', 'jsonb', (c) => c.notNull())
    .addColumn('next_step', 'jsonb')
    // iCalendar SEQUENCE: grows each time the due date moves.
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('case_deadlines_pk', ['case_id', 'deadline_id'])
    .execute();
  await db.schema.createIndex('case_deadlines_due_idx').on('case_deadlines').columns(['status', 'due_instant']).execute();
  await db.schema
    .createTable('case_timeline')
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('deadline_id', 'text')
    .addPrimaryKeyConstraint('case_timeline_pk', ['case_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_timeline').execute();
  await db.schema.dropTable('case_deadlines').execute();
  await db.schema.dropTable('cases').execute();
}
