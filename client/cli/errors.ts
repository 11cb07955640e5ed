/**
 * How the CLI fails: bad input → exit 2 and one line `error: <field>: <message>` on stderr; anything
 * else → exit 1 and one line (the stack only with PLAZO_DEBUG=1). Never a stack trace by default.
 */
import { CommanderError } from 'commander';
import { isDomainInputError } from '../../domain';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

export interface Failure {
  code: number;
  line: string;
}

/** Commander's own parse errors ("error: required option '--trigger <date>' not specified") → field form. */
function fromCommander(e: CommanderError): Failure {
  const message = e.message.replace(/^error:\s*/, '');
  const quoted = /'([^']+)'/.exec(message)?.[1];
  const field = quoted ? quoted.replace(/^-+/, '').split(/[\s<[]/)[0] || 'command' : 'command';
  return { code: EXIT_BAD_INPUT, line: `error: ${field}: ${message}` };
}

export function toFailure(e: unknown): Failure {
  if (isDomainInputError(e)) return { code: EXIT_BAD_INPUT, line: `error: ${e.field}: ${oneLine(e.message)}` };
  if (e instanceof CommanderError) return fromCommander(e);
  const message = e instanceof Error ? e.message : String(e);
  return { code: EXIT_INTERNAL, line: `error: internal: ${oneLine(message)}` };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}
