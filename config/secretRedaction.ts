/**
 * Secrets never reach a log line. Applied to every line pino writes (its `streamWrite` hook), after
 * serialization, so a URL, a header, an error message or a body that quotes a secret is covered alike:
 * API and calendar tokens (`plz_…`, `plzcal_…`, and whatever sits in a feed path or a Bearer header),
 * the session cookie, and passwords in connection strings.
 */
const RULES: [RegExp, string][] = [
  [/\bplz(cal)?_[A-Za-z0-9_-]{8,}/g, 'plz$1_[redacted]'],
  // A feed path is a secret whatever its shape (a mistyped token is still someone's token, nearly).
  [/\/calendar\/[^/?#\s"\\]+?\.ics/g, '/calendar/[redacted].ics'],
  [/\b(Bearer)(\s|%20)+[^\s"\\,;]+/gi, '$1 [redacted]'],
  [/\b(plazo_session=)[^;\s"\\]*/g, '$1[redacted]'],
  [/\b(postgres(?:ql)?:\/\/[^:/\s"@]+:)[^@\s"]+@/g, '$1[redacted]@'],
];

export function redactSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
