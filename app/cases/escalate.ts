/** Escalates a case by hand (a lawyer, supervisor, director or admin, on a case they see, while it is open). */
import { escalateUpdate } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError } from '../errors';
import { once, type WriteOptions } from '../idempotency';
import type { EscalationBody } from '../schemas';
import { updateCase, type Answer } from './caseWrite';
import { findCase } from './findCase';

export async function escalate<T>(deps: AppDeps, user: AuthUser, caseId: string, body: EscalationBody, answer: Answer<T>, opts: WriteOptions = {}): Promise<T> {
  return once(deps.db, user, opts.idempotencyKey, ['escalate', caseId, body, answer.kind], async () => {
    const row = await findCase(deps.db, user, caseId);
    assertCan(user, 'escalate');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', 'the case is closed', 'type');
    const written = await updateCase(deps, user, row.id, escalateUpdate, [{ by: user.id, reason: body.reason, deadlineId: body.deadlineId }], opts.idempotencyKey);
    return answer.of(written);
  });
}
