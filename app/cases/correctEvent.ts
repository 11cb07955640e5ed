/**
 * Corrects or voids a recorded event, by the roles that may record it, on a case they see, while it is
 * open; the workflow recounts the case. POST …/correct and …/void (correctEventDate.ts, voidEvent.ts) run this.
 */
import { CASE_EVENT_TYPES, CaseEventSchema, type CaseEvent } from '../../domain/case/events';
import { correctEventUpdate } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError, notFound } from '../errors';
import { once, type WriteOptions } from '../idempotency';
import { assertAssignable } from '../people/assertAssignable';
import type { EventBody } from '../schemas';
import { updateCase, type Answer } from './caseWrite';
import { findCase } from './findCase';
import { notInFuture } from './notInFuture';

/** Without `event`, a void; the idempotency key's request is named by `kind` ('correct' or 'void'). */
export async function changeEvent<T>(
  deps: AppDeps,
  user: AuthUser,
  caseId: string,
  seq: number,
  body: { reason: string; event?: EventBody },
  answer: Answer<T>,
  opts: WriteOptions,
  request: unknown[],
): Promise<T> {
  return once(deps.db, user, opts.idempotencyKey, [...request, answer.kind], async () => {
    const row = await findCase(deps.db, user, caseId);
    const entry = await deps.db.selectFrom('case_timeline').select('type').where('case_id', '=', row.id).where('seq', '=', seq).executeTakeFirst();
    if (!entry || !(CASE_EVENT_TYPES as string[]).includes(entry.type)) throw notFound(`no event #${seq} on case '${row.id}'`);
    assertCan(user, entry.type === 'assignment_changed' ? 'reassign' : 'record_event');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', `the case is closed (${row.close_reason ?? 'closed'}); its events cannot be corrected`, 'eventSeq');
    let event: CaseEvent | undefined;
    if (body.event) {
      if (body.event.type === 'assignment_changed') await assertAssignable(deps.db, 'event.userId', body.event.userId, body.event.role);
      notInFuture('event.occurredAt', body.event.occurredAt);
      event = CaseEventSchema.parse({ ...body.event, recordedBy: user.id });
    }
    const args = { eventSeq: seq, action: event ? ('correct' as const) : ('void' as const), ...(event ? { event } : {}), reason: body.reason, by: user.id };
    return answer.of(await updateCase(deps, user, row.id, correctEventUpdate, [args], opts.idempotencyKey));
  });
}

/** POST /api/cases/:id/events/:seq/correct: the event replaced by the one given. */
export function correctEvent<T>(deps: AppDeps, user: AuthUser, caseId: string, seq: number, body: { reason: string; event: EventBody }, answer: Answer<T>, opts: WriteOptions = {}): Promise<T> {
  return changeEvent(deps, user, caseId, seq, body, answer, opts, ['correct', caseId, seq, body]);
}
