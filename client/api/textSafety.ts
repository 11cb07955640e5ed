/**
 * Bodies Postgres cannot store or Plazo has no use for: NUL and lone UTF-16 surrogates in any string
 * (JSON carries both as "\u0000", "\udfff"; a lone surrogate would be stored silently changed to U+FFFD
 * and a NUL would fail the read-model activity on every retry), and nesting deeper than any Plazo
 * schema (a 20 000-deep array must not exhaust the stack). Refused at the boundary, naming the field.
 */
const UNSTORABLE = /\u0000|\p{Cs}/u; // with the u flag only a surrogate without its pair matches \p{Cs}
export const MAX_BODY_DEPTH = 32;

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
