/** A refusal as a page shows it: the API's field, the message in the reader's language (app/errorText.ts). */
import { ApiError } from '../../app/errors';
import { errorMessage } from '../../app/errorText';
import type { Lang } from '../../domain/messages/catalogue';
import type { FormError } from './fieldError';

/** A refusal a page words itself from the catalogue, already in the reader's language: shown as it is. */
export class PageError extends ApiError {}

/** An ApiError as a page shows it (the field stays the API's, to mark the input at fault). */
export const webError = (err: ApiError, lang: Lang): FormError => ({ message: err instanceof PageError ? err.message : errorMessage(err, lang), field: err.field });
