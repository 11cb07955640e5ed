/**
 * The dispatcher's outbox (migration 0026): a case's pending ladder steps, written with its read model, and
 * what the dispatcher across cases reads, marks sent, or leaves to the case (workflows/stepDispatcher.ts).
 */
import { sql, type Transaction } from 'kysely';
import type { DeliveryInput } from '../activities/deliveries';
import { deliveryInputOf } from '../domain/case/stepInput';
import type { CaseState } from '../domain/case/state';
import { pendingSteps } from '../domain/case/steps';
import type { Database } from './schema';
import type { Db } from './database';

export interface OutboxRow {
  idempotency_base: string;
  case_id: string;
  step_at: Date;
  due_instant: Date | null;
  input: DeliveryInput;
}

/** The case's steps not sent yet, as the case would send them now (none for a closed case, or one whose steps its own timer sends). */
export function outboxRowsOf(s: CaseState): OutboxRow[] {
  if (s.stepsBy !== 'dispatcher' || s.closed) return [];
  return pendingSteps(s).map((m) => {
    // firedAt is set by the dispatcher when it sends: the time left is counted as of then.
    const input = deliveryInputOf(s, m, 0);
    return { idempotency_base: m.idempotencyBase, case_id: s.caseId, step_at: new Date(m.stepAt), due_instant: input.deadline ? new Date(input.deadline.dueInstant) : null, input };
  });
}

/**
 * The case's outbox made to match `rows`, in the projection's transaction: steps no longer pending (sent and
 * noted, met, acknowledged by everyone) go; the others are written as the case now says (its people, who
 * acknowledged); whether one was sent already is kept.
 */
export async function writeCaseOutbox(tx: Transaction<Database>, caseId: string, rows: OutboxRow[]): Promise<void> {
  const bases = rows.map((r) => r.idempotency_base);
  await tx
    .deleteFrom('step_outbox')
    .where('case_id', '=', caseId)
    .$if(bases.length > 0, (q) => q.where('idempotency_base', 'not in', bases))
    .execute();
  if (rows.length === 0) return;
  await tx
    .insertInto('step_outbox')
    .values(rows.map((r) => ({ ...r, input: JSON.stringify(r.input) })))
    .onConflict((oc) =>
      oc.column('idempotency_base').doUpdateSet((eb) => ({ step_at: eb.ref('excluded.step_at'), due_instant: eb.ref('excluded.due_instant'), input: eb.ref('excluded.input') })),
    )
    .execute();
}

/** Unsent steps due at `at`, the earliest instant and the most pressing deadline first. */
export async function dueOutboxSteps(db: Db, at: Date, limit: number): Promise<OutboxRow[]> {
  const rows = await db
    .selectFrom('step_outbox')
    .select(['idempotency_base', 'case_id', 'step_at', 'due_instant', 'input'])
    .where('sent_at', 'is', null)
    .where('given_up_at', 'is', null)
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
  const row = await db.selectFrom('step_outbox').select((eb) => eb.fn.min('step_at').as('next')).where('sent_at', 'is', null).where('given_up_at', 'is', null).executeTakeFirst();
  return row?.next ? new Date(row.next as unknown as string).getTime() : null;
}
