/**
 * Admin-managed lists (issue 23 item 5): offices and places are one machinery — entries with an id, the
 * name people see, aliases that old free text used, and per-list data checked by the list's own schema.
 * Matching ignores case, accents, punctuation and spacing, so "cdmx", "CDMX" and "Cd. de México" can all
 * reach one office; what matches nothing is reported, never guessed.
 */
import { z } from 'zod';
import { DomainInputError } from '../errors';
import { parseOrThrow } from '../validation';

export const ListEntryBaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'must be 1–64 lower-case letters, digits or -' }),
  name: z.string().trim().min(2).max(100),
  aliases: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
  active: z.boolean().default(true),
});
export type ListEntryBase = z.output<typeof ListEntryBaseSchema>;

/** Lower case, no accents or dots, other punctuation as space, one space between words: "Cd. de México" → "cd de mexico", "C.D.M.X." → "cdmx". */
export function normalizeListText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The entry a text names (its id, name or an alias), or undefined. Inactive entries still match old text. */
export function matchListEntry<E extends ListEntryBase>(text: string, entries: readonly E[]): E | undefined {
  const key = normalizeListText(text);
  if (!key) return undefined;
  return entries.find((e) => e.id === text.trim() || namesOf(e).has(key));
}

/**
 * An entry's name and aliases as matched, normalized once per entry: a lookup in the 249 countries, each
 * with several names, normalized thousands of strings, most of an import's time per row.
 */
const normalizedNames = new WeakMap<ListEntryBase, ReadonlySet<string>>();
function namesOf(e: ListEntryBase): ReadonlySet<string> {
  let names = normalizedNames.get(e);
  if (!names) normalizedNames.set(e, (names = new Set([e.name, ...e.aliases].map(normalizeListText))));
  return names;
}

/**
 * The entry a submitted value names, for a write path: unknown or retired entries are a DomainInputError
 * naming `field` (e.g. 'office'), with a few of the names that would do.
 */
export function requireListEntry<E extends ListEntryBase>(text: string, entries: readonly E[], field: string, what: string): E {
  const found = matchListEntry(text, entries);
  if (found?.active) return found;
  const some = entries.filter((e) => e.active).map((e) => e.name).slice(0, 6).join(', ');
  throw new DomainInputError(field, found ? `${what} '${found.name}' is no longer in use` : `unknown ${what} '${text}' (choose one of the list, e.g. ${some})`);
}

/** Ids and names are unique in a list, and an alias names one entry only. */
export function parseListEntries<S extends z.ZodType<ListEntryBase>>(schema: S, data: unknown, field: string): z.output<S>[] {
  const entries = parseOrThrow(z.array(schema), data, field) as z.output<S>[];
  const seen = new Map<string, string>();
  entries.forEach((e, i) => {
    for (const key of [e.id, ...[e.name, ...e.aliases].map(normalizeListText)]) {
      const other = seen.get(key);
      if (other !== undefined && other !== e.id) throw new DomainInputError(`${field}[${i}]`, `'${key}' already names '${other}'`);
      seen.set(key, e.id);
    }
  });
  return entries;
}

/**
 * A new or changed entry against the rest of its list (`others`, without the entry's own id): an id, name
 * or alias that already names another entry is a DomainInputError naming the entry's field
 * (`entry.name`, `entry.aliases[1]`), so a form can point at the input.
 */
export function assertFitsList(entry: ListEntryBase, others: readonly ListEntryBase[], field: string): void {
  const owner = new Map<string, string>();
  for (const o of others) for (const key of [o.id, ...[o.name, ...o.aliases].map(normalizeListText)]) owner.set(key, o.name);
  const check = (key: string, path: string) => {
    const other = owner.get(key);
    if (other !== undefined) throw new DomainInputError(`${field}.${path}`, `'${key}' already names '${other}'`);
  };
  check(entry.id, 'id');
  check(normalizeListText(entry.name), 'name');
  entry.aliases.forEach((a, i) => check(normalizeListText(a), `aliases[${i}]`));
}

/** What free-text migration found: each distinct text, and the entry it became (or none). */
export interface ListMatchReport {
  text: string;
  matched?: string;
}

/** Each distinct free text with the entry name it matches; unmatched texts carry no `matched`. */
export function matchFreeText<E extends ListEntryBase>(texts: readonly string[], entries: readonly E[]): ListMatchReport[] {
  return [...new Set(texts)].map((text) => {
    const e = matchListEntry(text, entries);
    return e ? { text, matched: e.name } : { text };
  });
}
