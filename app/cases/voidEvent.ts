/** An event recorded by mistake: voided (kept on the timeline, no longer counted); the case is recounted. */
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import type { WriteOptions } from '../idempotency';
import type { VoidBody } from '../schemas';
import type { Answer } from './caseWrite';
import { changeEvent } from './correctEvent';

export function voidEvent<T>(deps: AppDeps, user: AuthUser, caseId: string, seq: number, body: VoidBody, answer: Answer<T>, opts: WriteOptions = {}): Promise<T> {
  return changeEvent(deps, user, caseId, seq, { reason: body.reason }, answer, opts, ['void', caseId, seq, body]);
}
