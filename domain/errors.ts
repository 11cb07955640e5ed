/**
 * The one error the domain throws for bad input. `field` names what was wrong (e.g. 'trigger', 'rule',
 * 'overlays[0].end') so the CLI and the API can answer with one line instead of a stack trace.
 */
export class DomainInputError extends Error {
  override readonly name = 'DomainInputError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function isDomainInputError(e: unknown): e is DomainInputError {
  return e instanceof DomainInputError;
}
