/** The case's supervisor (or a director) takes an acknowledgement back: that person's repeats resume. */
import type { AckRole } from '../../domain/case/events';
import { withdrawAckUpdate } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { once, type WriteOptions } from '../idempotency';
import type { WithdrawAckBody } from '../schemas';
import { updateCase, type Answer } from '../cases/caseWrite';
import { deadlineOf } from './deadlineOf';

export async function withdrawAcknowledgement<T>(deps: AppDeps, user: AuthUser, publicId: string, body: WithdrawAckBody, answer: Answer<T>, opts: WriteOptions = {}): Promise<T> {
  return once(deps.db, user, opts.idempotencyKey, ['withdraw_acknowledgement', publicId, body, answer.kind], async () => {
    const { row, deadlineId } = await deadlineOf(deps.db, user, publicId);
    assertCan(user, 'withdraw_acknowledgement');
    const args = { deadlineId, ...body, by: user.id, byRole: user.role as AckRole };
    return answer.of(await updateCase(deps, user, row.id, withdrawAckUpdate, [args], opts.idempotencyKey));
  });
}
