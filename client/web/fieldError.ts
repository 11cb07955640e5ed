/**
 * An input's error shown next to it: the API's `field` (`child.name`, `assignments.lawyer`, `email`)
 * picks the input, so a form says what the API would say, where the person is looking.
 */
import { html, raw, type Html } from './html';

export interface FormError {
  message: string;
  field: string | null;
}

/** ` aria-invalid="true"` on the input at fault. */
export const invalidAttr = (err: FormError | null | undefined, field: string) => (err?.field === field ? raw(' aria-invalid="true"') : '');

/** The message under the input at fault, or nothing. */
export function fieldError(err: FormError | null | undefined, field: string): Html | '' {
  return err?.field === field ? html`<span class="field-error" role="alert" data-error-for="${field}">${err.message}</span>` : '';
}
