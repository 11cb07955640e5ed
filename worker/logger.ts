import pino, { type Logger } from 'pino';

/** JSON logs, one line an event, so a log shipper can index them. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level, base: { service: name } });
}
