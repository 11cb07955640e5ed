/** zod at the edges: shared field schemas and the mapping of a zod failure to one DomainInputError. */
import { z } from 'zod';
import { DomainInputError } from './errors';
import { isValidLocalDate } from './time/localDate';

export const LocalDateSchema = z
  .string()
  .refine(isValidLocalDate, { message: 'must be a date that exists, written YYYY-MM-DD' });

/** 'overlays', [0, 'end'] → 'overlays[0].end' */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || 'input';
}

/** Parses `data` or throws a DomainInputError for the first problem, naming its field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new DomainInputError(fieldPath(prefix, issue.path), issue.message);
}
