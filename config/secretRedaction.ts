/**
 * Secrets never reach a log line. Applied to every line pino writes (its `streamWrite` hook), after
 * serialization, so a URL, a header, an error message or a body that quotes a secret is covered alike:
 * every Plazo token by its kind prefix (`plz_` API tokens, session secrets and sign-in links, `plzcal_`
 * calendar feeds, `plzack_` acknowledgement links), whatever sits in a feed's or an acknowledgement
 * link's path or a Bearer header, the session and OIDC-transaction cookies, OpenID Connect's `code`,
 * `state`, `nonce` and tokens (in a query string, a form or a provider's JSON), and passwords in
 * connection strings.
 */
const QUERY_SECRETS = ['code', 'state', 'nonce', 'code_verifier', 'id_token', 'access_token', 'refresh_token', 'session_state', 'client_secret', 'token'];
const JSON_SECRETS = ['id_token', 'access_token', 'refresh_token', 'code_verifier', 'client_secret', 'nonce'];

const RULES: [RegExp, string][] = [
  [/\bplz(cal|ack)?_[A-Za-z0-9_-]{8,}/g, 'plz$1_[redacted]'],
  // A feed's or an acknowledgement link's path is a secret whatever its shape (a mistyped token is still someone's token, nearly).
  [/\/calendar\/[^/?#\s"\\]+?\.ics/g, '/calendar/[redacted].ics'],
  [/\/ack\/[^/?#\s"\\]+/g, '/ack/[redacted]'],
  [/\b(Bearer)(\s|%20)+[^\s"\\,;]+/gi, '$1 [redacted]'],
  // `__Host-plazo_session` over https: the same rule (a word boundary after the '-').
  [/\b(plazo_session|plazo_oidc)=[^;\s"\\]*/g, '$1=[redacted]'],
  [new RegExp(`([?&](?:${QUERY_SECRETS.join('|')})=)[^&#\\s"\\\\]*`, 'gi'), '$1[redacted]'],
  [new RegExp(`("(?:${JSON_SECRETS.join('|')})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*`, 'g'), '$1[redacted]'],
  [/\b(postgres(?:ql)?:\/\/[^:/\s"@]+:)[^@\s"]+@/g, '$1[redacted]@'],
];

export function redactSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
