/** "I'm on it" on one series, for the caller (or, by the case's supervisor, for a person of the case): every role, on a deadline they see. */
import { seriesToAcknowledge } from '../../domain/case/acknowledgements';
import type { AckRole } from '../../domain/case/events';
import { acknowledgeUpdate, stateQuery } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError, fromTemporal } from '../errors';
import { once, type WriteOptions } from '../idempotency';
import type { AcknowledgeBody } from '../schemas';
import { caseHandle, updateCase, type Answer } from '../cases/caseWrite';
import { deadlineOf } from './deadlineOf';

export async function acknowledge<T>(deps: AppDeps, user: AuthUser, publicId: string, body: AcknowledgeBody, answer: Answer<T>, opts: WriteOptions = {}): Promise<T> {
  return once(deps.db, user, opts.idempotencyKey, ['acknowledge', publicId, body, answer.kind], async () => {
    const { row, deadlineId } = await deadlineOf(deps.db, user, publicId);
    assertCan(user, 'acknowledge');
    let series = body.series;
    if (!series) {
      const state = await caseHandle(deps, row.id).query(stateQuery).catch((err) => Promise.reject(fromTemporal(err, row.id)));
      series = seriesToAcknowledge(state, deadlineId, body.for ?? user.id, body.for && body.for !== user.id ? 'caseworker' : user.role, Date.now());
      if (!series) throw new ApiError(422, 'invalid_event', `nothing of ${deadlineId} has been sent to ${body.for ?? user.id} yet`, 'series');
    }
    const args = { deadlineId, series, by: user.id, byRole: user.role as AckRole, ...(body.for ? { for: body.for } : {}) };
    return answer.of(await updateCase(deps, user, row.id, acknowledgeUpdate, [args], opts.idempotencyKey));
  });
}
