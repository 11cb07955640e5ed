import { FUTURE_TOLERANCE_MS, whenToMs } from '../../domain/case/transitions';
import { ApiError } from '../errors';

/** A date the caller gives for something that happened: refused early, naming the field, if it is ahead of now. */
export function notInFuture(field: string, when: string | undefined): void {
  if (when !== undefined && whenToMs(when) > Date.now() + FUTURE_TOLERANCE_MS) throw new ApiError(422, 'invalid_request', 'is in the future', field);
}
