/**
 * After a reassignment, the new holder and the previous one are told by email, through the same
 * exactly-once path as every message: a scheduledNotificationWorkflow per person (its workflow id makes
 * a retry of this call a no-op) whose sendEmail activity writes the ledger under an idempotency key.
 * The API process never sends mail itself.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { renderReassignmentMessage } from '../../domain/messages/reassignmentMessage';
import type { ScheduledNotificationInput } from '../../workflows/scheduledNotification';

export interface ReassignmentNotice {
  caseId: string;
  /** The case's version after the change: one reassignment, one key. */
  seq: number;
  from: string;
  to: string;
  by: string;
  reason?: string;
}

export async function notifyReassignment(deps: { db: Db; temporal: Client; taskQueue: string; publicUrl: string; logger: Logger }, n: ReassignmentNotice): Promise<void> {
  const { db } = deps;
  const people = await db.selectFrom('users').select(['id', 'name', 'email', 'language', 'time_zone', 'active']).where('id', 'in', [n.from, n.to, n.by]).execute();
  const person = (id: string) => people.find((p) => p.id === id);
  const rows = await db
    .selectFrom('case_deadlines')
    .select(['rule_id', 'title', 'citation', 'due', 'due_instant', 'unit', 'status'])
    .where('case_id', '=', n.caseId)
    .where('status', 'in', ['open', 'missed'])
    .orderBy('due_instant')
    .execute();
  const liveDeadlines = rows.map((r) => ({ ruleId: r.rule_id, title: r.title, citation: r.citation, due: r.due, dueInstant: r.due_instant.toISOString(), unit: r.unit, missed: r.status === 'missed' }));
  const link = `${deps.publicUrl}/cases/${encodeURIComponent(n.caseId)}`;
  for (const [side, id] of [['to', n.to], ['from', n.from]] as const) {
    const p = person(id);
    if (!p || !p.active) continue;
    const message = renderReassignmentMessage({
      lang: p.language,
      zone: p.time_zone,
      caseId: n.caseId,
      link,
      side,
      recipientName: p.name,
      newHolderName: person(n.to)?.name ?? n.to,
      byName: person(n.by)?.name ?? n.by,
      reason: n.reason,
      liveDeadlines,
    });
    const idempotencyKey = `${n.caseId}/reassigned/${n.seq}/${side}:${p.id}`;
    const input: ScheduledNotificationInput = {
      at: new Date().toISOString(),
      notification: { idempotencyKey, caseId: n.caseId, step: 'reassigned', recipient: p.email, language: p.language, ...message },
    };
    try {
      await deps.temporal.workflow.start('scheduledNotificationWorkflow', { taskQueue: deps.taskQueue, workflowId: `notice-${idempotencyKey}`, args: [input] });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) deps.logger.error({ err, caseId: n.caseId }, 'reassignment notice not started');
    }
  }
}
