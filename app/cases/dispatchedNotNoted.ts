/**
 * The steps the dispatcher sent that their case has not noted yet (it notes them at its next Update or miss
 * instant, or once a week: domain/case/steps.ts NOTING_SPAN_MS), as the entries the case will note: who each
 * reached, when it went out. A lawyer reading the timeline (or the constancia) at 11:00 sees the 09:00 alarm.
 * Numbered after the last entry recorded; the case's own entry takes its place when it notes it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { DeliveryInput } from '../../activities/deliveries';
import { sentNotNoted } from '../../db/stepOutbox';
import { latestSent, sentTimes } from '../../db/ledgerSent';
import { assignedPeopleOf, ledgerKey } from '../../domain/case/stepInput';
import { deliveryEntry } from '../../domain/case/steps';
import type { Role } from '../../domain/ladder/policy';
import type { TimelineEntryView } from '../schemas';

export async function dispatchedNotNoted(db: Kysely<Database>, caseId: string, lastSeq: number): Promise<TimelineEntryView[]> {
  const rows = await db.selectFrom('step_outbox').select(['input', 'sent_at']).where('case_id', '=', caseId).where(sentNotNoted()).orderBy('sent_at').orderBy('step_at').execute();
  const steps = rows.flatMap((r) => {
    const input = r.input as DeliveryInput;
    const people = assignedPeopleOf(input);
    // A step to the directors: its case names them when it notes it.
    return people && r.sent_at ? [{ input, people, keys: people.map((p) => ledgerKey(input.idempotencyBase, p.role, p.userId)), marked: r.sent_at }] : [];
  });
  // When it went out, as the case will note it: the latest of its people's sending in the ledger.
  const sent = await sentTimes(db, steps.flatMap((x) => x.keys));
  return steps.map(({ input, people, keys, marked }, i) => {
    const when = latestSent(sent, keys) || marked.getTime();
    const at = new Date(when).toISOString();
    const unreachable: Role[] = people.filter((p) => !p.userId).map((p) => p.role);
    const e = deliveryEntry({ deadlineId: input.deadline?.deadlineId, label: input.stepId ?? input.kind, sent: people.filter((p) => p.userId), unreachable, at }, when);
    return { seq: lastSeq + i + 1, at, recordedAt: at, by: e.by, type: e.type, summary: e.summary, deadlineId: e.deadlineId ?? null, detail: e.detail as TimelineEntryView['detail'] };
  });
}
