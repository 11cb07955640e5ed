/**
 * No secret in any log line: the real API process at LOG_LEVEL=trace, its stdout and stderr captured,
 * driven through every place a secret travels — bearer tokens (right and wrong), the login form and
 * the session cookie, a calendar feed URL (the token is the path), a token issued by an admin, the
 * codec with a cookie, a refused request that quotes a token — then the captured lines are searched
 * for every one of those secrets. The log must still show the requests (so the search is not vacuous).
 */
import { daysAgo, startApiProcess, STAFF, type ApiProcess } from './apiHarness';

let p: ApiProcess;

beforeAll(async () => {
  p = await startApiProcess('log-secrets', { LOG_LEVEL: 'trace' });
}, 180_000);

afterAll(async () => {
  await p?.teardown();
});

async function call(method: string, path: string, init: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${p.base}${path}`, { method, headers, body: init.body, redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('tokens, calendar tokens and cookies never appear in the logs', async () => {
  const secrets: string[] = [...Object.values(p.tokens)];
  const opened = await call('POST', '/api/cases', {
    token: p.tokens.eva, // only an admin chooses a case id
    body: JSON.stringify({ caseId: 'LOG-1', child: { name: 'Caso de bitácora' }, entryDate: daysAgo(3), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } }),
  });
  expect(opened.status).toBe(201);

  // A calendar feed, fetched: its token is the URL path.
  const link = await call('POST', '/api/me/calendar-link', { token: p.tokens.ana });
  expect(link.status).toBe(201);
  const feedPath = new URL(JSON.parse(link.text).url as string).pathname;
  secrets.push(/\/calendar\/(.+)\.ics$/.exec(feedPath)![1]!);
  expect((await call('GET', feedPath)).status).toBe(200);
  expect((await call('GET', `${feedPath}?x=1`)).status).toBe(200);
  // A mistyped feed token is still close to someone's secret.
  expect((await call('GET', '/calendar/plzcal_mistyped-feed-token-0123456789.ics')).status).toBe(404);
  secrets.push('plzcal_mistyped-feed-token-0123456789');

  // A token issued by an admin (in the answer body only).
  const issued = await call('POST', `/api/users/${STAFF.luis.id}/tokens`, { token: p.tokens.eva, body: JSON.stringify({ label: 'laptop' }) });
  expect(issued.status).toBe(201);
  const luisToken = JSON.parse(issued.text).token as string;
  secrets.push(luisToken);
  expect((await call('GET', '/api/cases', { token: luisToken })).status).toBe(200);

  // Wrong tokens, in the header and in a refused body.
  const wrong = 'plz_wrong-but-secret-looking-0123456789abcdef';
  secrets.push(wrong, 'not-prefixed-secret-guess-0123456789');
  expect((await call('GET', '/api/cases', { token: wrong })).status).toBe(401);
  expect((await call('GET', '/api/cases', { token: 'not-prefixed-secret-guess-0123456789' })).status).toBe(401);
  expect((await call('POST', '/api/users', { token: p.tokens.eva, body: JSON.stringify({ name: 'X', email: 'x@ong.test', role: 'caseworker', token: luisToken }) })).status).toBe(400);
  expect((await call('POST', '/api/cases', { token: p.tokens.ana, body: `{"child": {"name": "${p.tokens.ana}"` })).status).toBe(400);

  // The login form and the session cookie.
  const form = new URLSearchParams({ token: p.tokens.beto, next: '/inbox' }).toString();
  const login = await call('POST', '/login', { body: form, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: p.base } });
  expect(login.status).toBe(303);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  expect((await call('GET', '/inbox', { headers: { cookie } })).status).toBe(200);
  expect((await call('POST', '/codec/decode', { body: '{}', headers: { cookie: `plazo_session=${p.tokens.eva}` } })).status).toBe(200);
  const badLogin = await call('POST', '/login', { body: new URLSearchParams({ token: 'plz_typed-wrong-at-login-0123456789' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(badLogin.status).toBe(401);
  secrets.push('plz_typed-wrong-at-login-0123456789');

  await p.api.stop();
  const log = p.api.output();
  const lines = log.split('\n');
  // The requests were logged (at trace, fastify logs each one with its URL)…
  expect(lines.some((l) => l.includes('"url":"/calendar/'))).toBe(true);
  expect(lines.some((l) => l.includes('"url":"/api/cases"'))).toBe(true);
  // …and no line holds a secret.
  const leaks = secrets.flatMap((s) => lines.filter((l) => l.includes(s)).map((l) => ({ secret: `${s.slice(0, 8)}…`, line: l.slice(0, 300) })));
  expect(leaks).toEqual([]);
});
