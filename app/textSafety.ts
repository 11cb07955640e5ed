import { z } from 'zod';

/**
 * Bodies Postgres cannot store or Plazo has no use for: NUL and lone UTF-16 surrogates in any string
 * (JSON carries both as "\u0000", "\udfff"; a lone surrogate would be stored silently changed to U+FFFD
 * and a NUL would fail the read-model activity on every retry), and nesting deeper than any Plazo
 * schema (a 20 000-deep array must not exhaust the stack). Refused at the boundary, naming the field.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u; // with the u flag only a surrogate without its pair matches \p{Cs}
export const MAX_BODY_DEPTH = 32;

/**
 * A JSON body that is not valid UTF-8: the field holding the first bad byte, or 'body'. Decoded as is,
 * such bytes would be stored as U+FFFD — the child's name silently changed — so they are refused.
 * Null when the bytes are valid UTF-8.
 */
export function invalidUtf8Field(raw: Buffer): string | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
    return null;
  } catch {
    // Found below by where the decoder's U+FFFD landed (a genuine U+FFFD earlier in the body may be named instead).
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'body';
  }
  return findString(parsed, (s) => s.includes('\ufffd')) ?? 'body';
}

/**
 * The same for an HTML form (application/x-www-form-urlencoded): raw bytes that are not UTF-8, or a
 * %-escape that decodes to no UTF-8 character (URLSearchParams would turn both into U+FFFD).
 */
export function invalidFormUtf8Field(raw: Buffer): string | null {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return 'body';
  }
  for (const pair of raw.toString('utf8').split('&')) {
    const [key = '', value = ''] = pair.split(/=(.*)/s);
    const decode = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    let name = key;
    try {
      name = decode(key);
      decode(value);
    } catch {
      return name || 'body';
    }
  }
  return null;
}

/** The path of the first string (value or key) that `bad` flags, iteratively (see bodyProblem). */
function findString(body: unknown, bad: (s: string) => boolean): string | null {
  const stack: [value: unknown, path: string][] = [[body, '']];
  while (stack.length) {
    const [value, path] = stack.shift()!;
    if (typeof value === 'string') {
      if (bad(value)) return path || 'body';
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        if (bad(k)) return at;
        stack.push([v, at]);
      }
    }
  }
  return null;
}

export function bodyProblem(body: unknown): { field: string; message: string } | null {
  // Iterative on purpose: recursion is what a deep body attacks.
  const stack: [value: unknown, path: string, depth: number][] = [[body, '', 0]];
  while (stack.length) {
    const [value, path, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return { field: path || 'body', message: 'contains a NUL character or a lone UTF-16 surrogate' };
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_BODY_DEPTH) return { field: path || 'body', message: `is nested more than ${MAX_BODY_DEPTH} levels deep` };
      for (const [k, v] of Object.entries(value)) {
        const at = path ? `${path}.${k}` : k;
        if (UNSTORABLE.test(k)) return { field: at, message: 'contains a NUL character or a lone UTF-16 surrogate' };
        stack.push([v, at, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * One line of text a person reads (a name, a file number): no control characters and no line or
 * paragraph separators. A CR/LF would otherwise start a new line in an iCalendar feed or an email header. The
 * pattern is written with explicit ranges, not \p{Cc}, so the OpenAPI document's pattern reads the
 * same in every regex dialect a client generates from.
 */
export const singleLineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/, { message: 'must not contain control characters or line breaks' });

/**
 * Characters that change how a name reads without being seen: bidirectional controls (U+202A–U+202E
 * embeddings and overrides, U+2066–U+2069 isolates, U+200E/U+200F and U+061C marks) and invisible ones
 * (U+200B–U+200D zero-width space and joiners, U+2060–U+2064 word joiner and invisible operators,
 * U+FEFF, U+180E, U+00AD soft hyphen, U+034F grapheme joiner). With them one child's name can be made to
 * look like another's, or a name to display reversed. Explicit ranges, as above, for the OpenAPI pattern.
 */
const INVISIBLE_OR_BIDI = /^[^\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*$/;

/** A person's name (a child's, a user's): one line, and nothing invisible or direction-changing in it. */
export const PersonNameSchema = singleLineText(200).regex(INVISIBLE_OR_BIDI, { message: 'must not contain invisible or direction-changing characters (zero-width, bidi controls)' });
