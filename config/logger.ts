import pino, { type Logger } from 'pino';
import { redactSecrets } from './secretRedaction';

/** JSON logs, one line an event, so a log shipper can index them; secrets are masked in every line. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { service: name }, hooks: { streamWrite: redactSecrets } });
}
