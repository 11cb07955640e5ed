/**
 * The dispatcher's outbox (migration 0026): a case's pending ladder steps, written with its read model, and
 * what the dispatcher across cases reads, marks sent, or leaves to the case (workflows/stepDispatcher.ts).
 */
import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { DeliveryInput } from '../activities/deliveries';
import type { OutboxChange } from '../domain/case/outboxRows';
import type { Database } from './schema';
import type { Db } from './database';

/**
 * A step still waiting for the dispatcher: neither sent nor left to its case. The same predicate as the
 * partial index step_outbox_due (migration 0026), so every query below can use it.
 */
export const awaitingDispatch = (): Expression<SqlBool> => sql<SqlBool>`step_outbox.sent_at is null and step_outbox.given_up_at is null`;
/** Sent by the dispatcher and not yet noted by its case (the case's projection removes the row once it has). */
export const sentNotNoted = (): Expression<SqlBool> => sql<SqlBool>`step_outbox.sent_at is not null`;

/**
 * The case's outbox changed as the projection says, in its transaction: rows written as the case now says
 * (its people, who acknowledged; whether one was sent already is kept), rows no longer pending (sent and
 * noted, met, acknowledged by everyone) deleted; with `full`, every other row of the case too.
 */
export async function writeCaseOutbox(tx: Transaction<Database>, caseId: string, change: OutboxChange): Promise<void> {
  const bases = change.rows.map((r) => r.idempotencyBase);
  if (change.full) {
    await tx
      .deleteFrom('step_outbox')
      .where('case_id', '=', caseId)
      .$if(bases.length > 0, (q) => q.where('idempotency_base', 'not in', bases))
      .execute();
  } else if (change.removed.length > 0) {
    await tx.deleteFrom('step_outbox').where('case_id', '=', caseId).where('idempotency_base', 'in', change.removed).execute();
  }
  if (change.rows.length === 0) return;
  await tx
    .insertInto('step_outbox')
    .values(change.rows.map((r) => ({ idempotency_base: r.idempotencyBase, case_id: caseId, step_at: new Date(r.stepAt), due_instant: r.dueInstant ? new Date(r.dueInstant) : null, input: JSON.stringify(r.input) })))
    .onConflict((oc) =>
      oc.column('idempotency_base').doUpdateSet((eb) => ({ step_at: eb.ref('excluded.step_at'), due_instant: eb.ref('excluded.due_instant'), input: eb.ref('excluded.input') })),
    )
    .execute();
}

/** Unsent steps due at `at`, the earliest instant and the most pressing deadline first. */
export async function dueOutboxSteps(db: Db, at: Date, limit: number): Promise<{ idempotency_base: string; case_id: string; input: DeliveryInput }[]> {
  const rows = await db
    .selectFrom('step_outbox')
    .select(['idempotency_base', 'case_id', 'input'])
    .where(awaitingDispatch())
    .where('step_at', '<=', at)
    .orderBy('step_at')
    .orderBy(sql`due_instant nulls last`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, input: r.input as DeliveryInput }));
}

/** The steps sent (`column` 'sent_at') or left to their case ('given_up_at'). */
export async function markOutbox(db: Db, bases: string[], column: 'sent_at' | 'given_up_at', at: Date): Promise<void> {
  if (bases.length === 0) return;
  await db.updateTable('step_outbox').set({ [column]: at }).where('idempotency_base', 'in', bases).execute();
}

/** The next instant a step is due (epoch ms), or null with none pending. */
export async function nextOutboxInstant(db: Db): Promise<number | null> {
  const row = await db.selectFrom('step_outbox').select((eb) => eb.fn.min('step_at').as('next')).where(awaitingDispatch()).executeTakeFirst();
  return row?.next ? new Date(row.next as unknown as string).getTime() : null;
}

/**
 * The case workflows with a step due before `before` that the dispatcher has not sent (it was stopped, or gave
 * the step up): the engine reconciler wakes each to send it itself (workflows/caseDefinitions.ts stepsLeftSignal).
 */
export async function casesWithUnsentSteps(db: Db, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('step_outbox')
    .innerJoin('cases', 'cases.id', 'step_outbox.case_id')
    .select('cases.workflow_id')
    .distinct()
    .where('step_outbox.sent_at', 'is', null)
    .where('step_outbox.step_at', '<', before)
    .where('cases.closed_at', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((r) => r.workflow_id);
}

/**
 * The deadlines whose steps a round sent show their next step from the outbox (the earliest still waiting), as
 * the case's projection would: a case that notes its steps later does not project for hours, and its page would
 * otherwise show the alarm just sent as the next. A deadline with nothing more in the outbox keeps what it shows.
 */
export async function advanceNextSteps(db: Db, sentBases: string[]): Promise<void> {
  if (sentBases.length === 0) return;
  const deadlineOf = sql<string>`o.input->'deadline'->>'deadlineId'`;
  await sql`
    update case_deadlines as cd set next_step = nx.step
    from (
      select distinct on (o.case_id, ${deadlineOf}) o.case_id, ${deadlineOf} as deadline_id,
        jsonb_build_object('id', o.input->>'stepId', 'series', o.input->>'kind',
          'at', to_char(o.step_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'recipients', o.input->'recipients') as step
      from step_outbox o
      where o.sent_at is null and o.given_up_at is null
        and (o.case_id, ${deadlineOf}) in (select s.case_id, s.input->'deadline'->>'deadlineId' from step_outbox s where s.idempotency_base in (${sql.join(sentBases)}))
      order by o.case_id, ${deadlineOf}, o.step_at
    ) as nx
    where cd.case_id = nx.case_id and cd.deadline_id = nx.deadline_id and cd.next_step is distinct from nx.step`.execute(db);
}
