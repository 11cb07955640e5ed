/** The web's correction: the same event on another day (or instant); its other details as recorded. */
import { stateQuery } from '../../workflows/caseDefinitions';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError, fromTemporal } from '../errors';
import type { WriteOptions } from '../idempotency';
import type { EventBody } from '../schemas';
import { caseHandle, type Answer } from './caseWrite';
import { changeEvent } from './correctEvent';
import { findCase } from './findCase';

export async function correctEventDate<T>(
  deps: AppDeps,
  user: AuthUser,
  caseId: string,
  seq: number,
  when: (wasInstant: boolean) => string,
  reason: string,
  answer: Answer<T>,
  opts: WriteOptions = {},
): Promise<T> {
  const row = await findCase(deps.db, user, caseId);
  const state = await caseHandle(deps, row.id).query(stateQuery).catch((err) => Promise.reject(fromTemporal(err, row.id)));
  const original = state.events?.find((x) => x.seq === seq)?.event;
  if (!original) throw new ApiError(422, 'invalid_event', `no event in force recorded as #${seq} on this case`, 'eventSeq');
  const { recordedBy: _recordedBy, ...rest } = original;
  const event = { ...rest, occurredAt: when(original.occurredAt.includes('T')) } as EventBody;
  return changeEvent(deps, user, caseId, seq, { reason, event }, answer, opts, ['correct', caseId, seq, { reason, event }]);
}
