/** Records an event on a case (a reassignment included): the roles that may, on a case they see, while it is open. */
import { CaseEventSchema, type CaseEvent } from '../../domain/case/events';
import { recordEventUpdate } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import type { CaseRow } from '../caseViews';
import { ApiError } from '../errors';
import { once, type WriteOptions } from '../idempotency';
import { listedPlaceName } from '../lists/intakeLists';
import { assertAssignable } from '../people/assertAssignable';
import type { EventBody } from '../schemas';
import { updateCase, type Answer } from './caseWrite';
import { findCase } from './findCase';

/** `found`: the case as the caller's face already found it through findCase (no second lookup). */
export async function recordEvent<T>(deps: AppDeps, user: AuthUser, caseId: string, body: EventBody, answer: Answer<T>, opts: WriteOptions & { found?: CaseRow | null } = {}): Promise<T> {
  return once(deps.db, user, opts.idempotencyKey, ['event', caseId, body, answer.kind], async () => {
    const row = opts.found?.id === caseId ? opts.found : await findCase(deps.db, user, caseId);
    assertCan(user, body.type === 'assignment_changed' ? 'reassign' : 'record_event');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', `the case is closed (${row.close_reason ?? 'closed'}); no event can be recorded`, 'type');
    const event = await eventToRecord(deps, user, body);
    const written = await updateCase(deps, user, row.id, recordEventUpdate, [event], opts.idempotencyKey);
    // A reassignment's notices are the case's own deliveries (domain/case/reassignment.ts).
    return answer.of(written);
  });
}

/**
 * The event a body records, checked as the API checks it whatever the case: who may record it, the person
 * a reassignment names, the place a placement names. The case's own checks are the workflow's. Also the
 * past events an import opens a case with (openCase's `pastEvents`).
 */
export async function eventToRecord(deps: Pick<AppDeps, 'db'>, user: AuthUser, body: EventBody): Promise<CaseEvent> {
  assertCan(user, body.type === 'assignment_changed' ? 'reassign' : 'record_event');
  if (body.type === 'assignment_changed') await assertAssignable(deps.db, 'userId', body.userId, body.role);
  // A placement names a listed place (issue 23 item 5), stored as the list names it; a family home is not listed.
  const listed = body.type === 'placement_changed' && body.kind !== 'family' ? { placement: await listedPlaceName(deps.db, body.placement, 'placement') } : {};
  return CaseEventSchema.parse({ ...body, ...listed, recordedBy: user.id });
}
