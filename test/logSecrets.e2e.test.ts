/**
 * No secret in any log line: the real API process at LOG_LEVEL=trace, its stdout and stderr captured,
 * driven through every route that takes a secret — bearer tokens (right and wrong), the login form and
 * the session cookie, a calendar feed URL (the token is the path), a token issued by an admin, the
 * codec with a cookie, a refused request that quotes a token, an emailed sign-in link (its page and its
 * form), an emailed acknowledgement link (its page and its button; right, mistyped, unprefixed), and a
 * whole OpenID Connect sign-in against a real provider (oidc-provider, dev/oidcProvider.mjs): its
 * `state`, `nonce`, `code`, the transaction cookie, an attacker's callback — then the captured lines are
 * searched for every one of those secrets. The log must still show the requests (so the search is not vacuous).
 */
import { freePort } from '../dev/freePort';
import type { Service } from '../dev/processes';
import { daysAgo, startApiProcess, STAFF, type ApiProcess } from './apiHarness';
import { startOidcProvider } from './oidcProvider';

let p: ApiProcess;
let idp: Service;
const CLIENT = { id: 'plazo-log-test', secret: 'plazo-log-test-client-secret-0123456789' };
/** Every secret the requests below carried, searched for in the log at the end. */
const secrets: string[] = [CLIENT.secret];

beforeAll(async () => {
  const idpPort = await freePort();
  p = await startApiProcess('log-secrets', {
    LOG_LEVEL: 'trace',
    OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
  });
  idp = await startOidcProvider(idpPort, CLIENT, `${p.base}/auth/oidc/callback`);
}, 180_000);

afterAll(async () => {
  await idp?.stop();
  await p?.teardown();
});

async function call(method: string, path: string, init: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${p.base}${path}`, { method, headers, body: init.body, redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('tokens, calendar tokens and cookies', async () => {
  secrets.push(...Object.values(p.tokens));
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

  secrets.push(cookie.slice('plazo_session='.length));
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieOf = (res: { headers: Headers }, name: string) => res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`));

test('an emailed sign-in link: its confirm page, its form, the session it opens', async () => {
  expect((await call('POST', '/login/email', { body: 'email=beto%40ong.test', headers: FORM })).status).toBe(303);
  const [mail] = await p.mail.waitFor(1, { match: (m) => m.to.includes(STAFF.beto.email) && m.text.includes('/login/link?token=') });
  const token = /\/login\/link\?token=([\w-]+)/.exec(mail!.text)![1]!;
  secrets.push(token);
  expect((await call('GET', `/login/link?token=${token}&lang=es`)).status).toBe(200);
  const used = await call('POST', '/login/link', { body: `token=${token}`, headers: { ...FORM, origin: p.base } });
  expect(used.status).toBe(303);
  const session = cookieOf(used, 'plazo_session')!;
  secrets.push(session.slice('plazo_session='.length));
  expect((await call('GET', '/inbox', { headers: { cookie: session } })).status).toBe(200);
  // Used once: the same link again, and a mistyped one, are refused (and still not logged).
  expect((await call('POST', '/login/link', { body: `token=${token}`, headers: { ...FORM, origin: p.base } })).status).toBe(401);
  expect((await call('GET', '/login/link?token=mistyped-link-token-0123456789')).status).toBe(200);
  secrets.push('mistyped-link-token-0123456789');
});

test('an emailed acknowledgement link: its page and its button, and mistyped ones', async () => {
  const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
  expect((await call('POST', '/api/cases', { token: p.tokens.eva, body: JSON.stringify({ caseId: 'LOG-ACK', child: { name: 'Caso de enlace' }, assignments }) })).status).toBe(201);
  // A detention half an hour ago: the alarm to the caseworker goes out at once, with her link.
  const detained = await call('POST', '/api/cases/LOG-ACK/events', { token: p.tokens.ana, body: JSON.stringify({ type: 'detention_started', occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(), place: 'EM Tapachula' }) });
  expect(detained.status).toBe(200);
  const [alarm] = await p.mail.waitFor(1, { match: (m) => m.to.includes(STAFF.ana.email) && m.subject.includes('LOG-ACK'), timeoutMs: 60_000 });
  const token = /\/ack\/(plzack_[A-Za-z0-9_-]{43})/.exec(alarm!.text)![1]!;
  secrets.push(token);
  expect((await call('GET', `/ack/${token}`)).status).toBe(200);
  expect((await call('POST', `/ack/${token}`, { headers: { origin: p.base } })).status).toBe(200);
  for (const guess of ['plzack_mistyped-ack-token-0123456789', 'unprefixed-ack-guess-0123456789']) {
    expect((await call('GET', `/ack/${guess}`)).status).toBe(404);
    expect((await call('POST', `/ack/${guess}`, { headers: { origin: p.base } })).status).toBe(404);
    secrets.push(guess);
  }
});

/** Cookies of one origin, as a browser keeps them (paths ignored: names do not collide here). */
class CookieJar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const [name = '', value = ''] = pair.split(/=(.*)/s);
      if (value === '' || attrs.some((a) => /^\s*max-age=0$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a))) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
  header = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  get = (name: string) => this.cookies.get(name);
}

test('a whole OpenID Connect sign-in against a real provider, and an attacker-made callback', async () => {
  const plazo = new CookieJar();
  const provider = new CookieJar();
  /** One hop of the browser: the right jar for the origin, redirects by hand. */
  const hop = async (url: string, init: { method?: string; body?: string } = {}) => {
    const jar = url.startsWith(p.base) ? plazo : provider;
    const res = await fetch(url, { method: init.method ?? 'GET', body: init.body, headers: { cookie: jar.header(), ...(init.body ? FORM : {}) }, redirect: 'manual' });
    jar.take(res);
    return res;
  };
  const start = await hop(`${p.base}/auth/oidc/start?next=/cases`);
  expect(start.status).toBe(303);
  const authorize = new URL(start.headers.get('location')!);
  const [state, nonce] = [authorize.searchParams.get('state')!, authorize.searchParams.get('nonce')!];
  expect(state.length).toBeGreaterThan(20);
  expect(nonce.length).toBeGreaterThan(20);
  secrets.push(state, nonce, plazo.get('plazo_oidc')!);

  // The provider's login (its development form takes any password), then back to Plazo with a code.
  let res = await hop(authorize.href);
  let location = new URL(res.headers.get('location')!, authorize).href;
  res = await hop(location);
  expect(await res.text()).toContain('name="login"');
  res = await hop(location, { method: 'POST', body: new URLSearchParams({ prompt: 'login', login: STAFF.carla.email, password: 'anything' }).toString() });
  while (!(location = new URL(res.headers.get('location')!, location).href).startsWith(`${p.base}/auth/oidc/callback`)) res = await hop(location);
  const callback = new URL(location);
  const code = callback.searchParams.get('code')!;
  expect(callback.searchParams.get('state')).toBe(state);
  expect(code.length).toBeGreaterThan(20);
  secrets.push(code);
  const signedIn = await hop(callback.href);
  expect(signedIn.status).toBe(303);
  expect(signedIn.headers.get('location')).toBe('/cases');
  secrets.push(plazo.get('plazo_session')!);
  expect((await hop(`${p.base}/cases`)).status).toBe(200);

  // An attacker's callback with a code and state of its own: refused, and logged without them.
  const attacker = await fetch(`${p.base}/auth/oidc/callback?code=attacker-code-0123456789abcdef&state=attacker-state-0123456789abcdef`, { redirect: 'manual' });
  expect(attacker.status).toBe(401);
  secrets.push('attacker-code-0123456789abcdef', 'attacker-state-0123456789abcdef');
});

test('no line of the trace-level log holds any of those secrets', async () => {
  await p.api.stop();
  const log = p.api.output();
  const lines = log.split('\n');
  // The requests were logged (at trace, fastify logs each one with its URL)…
  for (const path of ['"url":"/calendar/', '"url":"/api/cases"', '"url":"/ack/', '"url":"/login/link', '"url":"/auth/oidc/callback?']) {
    expect({ path, logged: lines.some((l) => l.includes(path)) }).toEqual({ path, logged: true });
  }
  // …and no line holds a secret.
  expect(secrets.length).toBeGreaterThan(25);
  const leaks = secrets.flatMap((s) => lines.filter((l) => l.includes(s)).map((l) => ({ secret: `${s.slice(0, 8)}…`, line: l.slice(0, 300) })));
  expect(leaks).toEqual([]);
});
