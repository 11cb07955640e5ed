/**
 * The API behind a TLS proxy, as production runs it: client/api/main.ts in its own process with
 * PUBLIC_URL=https://… and PLAZO_TRUST_PROXY naming the proxy (loopback: this test speaks for it, sending
 * X-Forwarded-For and X-Forwarded-Proto as nginx or Caddy would). Each client is then itself: audit rows and
 * sessions carry its address; one client's bad cookies lock out that client only, while one token retried
 * from many addresses is stopped by its prefix; the session cookie is `__Host-` and the Origin check
 * holds the scheme the proxy reports. Each test failed against the server before its fix.
 */
import { startApiProcess, STAFF, type ApiProcess } from './apiHarness';

const PUBLIC = 'https://plazo.test';
let p: ApiProcess;

beforeAll(async () => {
  p = await startApiProcess('trusted-proxy', { PUBLIC_URL: PUBLIC, PLAZO_TRUST_PROXY: 'loopback' });
}, 180_000);

afterAll(async () => {
  await p?.teardown();
});

/** One request as the proxy forwards it: the client's address appended to X-Forwarded-For, https. */
async function viaProxy(client: string, method: string, path: string, init: { headers?: Record<string, string>; form?: Record<string, string>; json?: unknown } = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': client, 'x-forwarded-proto': 'https', ...(init.headers ?? {}) };
  if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const body = init.form ? new URLSearchParams(init.form).toString() : init.json !== undefined ? JSON.stringify(init.json) : undefined;
  const res = await fetch(`${p.base}${path}`, { method, headers, body, redirect: 'manual' });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const login = (client: string, token: string, origin = PUBLIC) => viaProxy(client, 'POST', '/login', { form: { token, next: '/cases' }, headers: { origin } });

test("sessions and audit rows carry the client's address, not the proxy's; an address the client wrote itself is not believed", async () => {
  const signedIn = await login('203.0.113.10', p.tokens.beto);
  expect(signedIn.status).toBe(303);
  // A client sending its own X-Forwarded-For: the proxy appends the real address, the rightmost one counts.
  expect((await login('6.6.6.6, 203.0.113.11', p.tokens.carla)).status).toBe(303);
  const sessions = await p.pg.db.selectFrom('web_sessions').select(['user_id', 'ip']).orderBy('created_at').execute();
  expect(sessions).toEqual([
    { user_id: STAFF.beto.id, ip: '203.0.113.10' },
    { user_id: STAFF.carla.id, ip: '203.0.113.11' },
  ]);
  const audit = await p.pg.db.selectFrom('audit_log').select(['user_id', 'ip']).where('action', '=', 'web.login').orderBy('id').execute();
  expect(audit).toEqual([
    { user_id: STAFF.beto.id, ip: '203.0.113.10' },
    { user_id: STAFF.carla.id, ip: '203.0.113.11' },
  ]);
});

test('over https the session cookie is __Host-plazo_session (Secure, Path=/, no Domain), and only that name is read', async () => {
  const signedIn = await login('203.0.113.12', p.tokens.ana);
  const setCookie = signedIn.headers.get('set-cookie')!;
  expect(setCookie).toMatch(/^__Host-plazo_session=plz_[\w-]+;/);
  expect(setCookie).toMatch(/; Secure/);
  expect(setCookie).toMatch(/; Path=\//);
  expect(setCookie).not.toMatch(/Domain=/i);
  const secret = /^__Host-plazo_session=([^;]+)/.exec(setCookie)![1]!;
  expect((await viaProxy('203.0.113.12', 'GET', '/cases', { headers: { cookie: `__Host-plazo_session=${secret}` } })).status).toBe(200);
  // The unprefixed name, as a neighbouring subdomain could set it, opens nothing.
  const unprefixed = await viaProxy('203.0.113.12', 'GET', '/cases', { headers: { cookie: `plazo_session=${secret}` } });
  expect(unprefixed.status).toBe(303);
  expect(unprefixed.headers.get('location')).toMatch(/^\/login/);
});

test("a form post from the same host over http is another origin: the scheme the proxy reports is compared", async () => {
  const plain = await login('203.0.113.13', p.tokens.ana, 'http://plazo.test');
  expect(plain.status).toBe(403);
  expect(plain.headers.get('set-cookie')).toBeNull();
  expect((await login('203.0.113.13', p.tokens.ana, PUBLIC)).status).toBe(303);
});

test("20 bad cookies from one client lock out that client only: another's admin token still works, and its mistakes are its own", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    // Each cookie another guess (another prefix): only the address's count grows.
    const cookie = `__Host-plazo_session=plz_${String(i).padStart(8, '0')}-bad-cookie-xxxxxxxx`;
    statuses.push((await viaProxy('203.0.113.20', 'GET', '/cases', { headers: { cookie } })).status);
  }
  expect(statuses).toEqual([...Array(20).fill(303), 429, 429]);
  const limited = await viaProxy('203.0.113.20', 'GET', '/api/cases', { headers: { authorization: `Bearer ${p.tokens.eva}` } });
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.text).error.message).toMatch(/from this address/);
  // Before PLAZO_TRUST_PROXY every client was the proxy: this admin answered 429 too.
  expect((await viaProxy('203.0.113.21', 'GET', '/api/users', { headers: { authorization: `Bearer ${p.tokens.eva}` } })).status).toBe(200);
  expect((await viaProxy('203.0.113.21', 'GET', '/api/cases', { headers: { authorization: 'Bearer plz_typo0000-xxxxxxxxxxxx' } })).status).toBe(401);
});

test('one token retried from 20 addresses is stopped by its prefix, whatever the address, wherever it is sent; other tokens are not', async () => {
  const guess = (i: number) => `plz_stolen00-${i}-xxxxxxxxxxxxxxxx`;
  for (let i = 0; i < 20; i++) {
    const res = await viaProxy(`198.51.100.${i + 1}`, 'GET', '/api/cases', { headers: { authorization: `Bearer ${guess(i)}` } });
    expect({ i, status: res.status }).toEqual({ i, status: 401 });
  }
  const fresh = await viaProxy('198.51.100.100', 'GET', '/api/cases', { headers: { authorization: `Bearer ${guess(20)}` } });
  expect(fresh.status).toBe(429);
  expect(JSON.parse(fresh.text).error.message).toMatch(/with this token/);
  expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(0);
  // The same prefix in the login form, as a session cookie or on the codec is the same count.
  expect((await viaProxy('198.51.100.101', 'POST', '/login', { form: { token: guess(21) }, headers: { origin: PUBLIC } })).status).toBe(429);
  expect((await viaProxy('198.51.100.102', 'GET', '/cases', { headers: { cookie: `__Host-plazo_session=${guess(22)}` } })).status).toBe(429);
  expect((await viaProxy('198.51.100.103', 'POST', '/codec/decode', { headers: { authorization: `Bearer ${guess(23)}` }, json: { payloads: [] } })).status).toBe(429);
  // A valid admin token from another address, and another person's wrong token, are untouched.
  expect((await viaProxy('198.51.100.104', 'GET', '/api/users', { headers: { authorization: `Bearer ${p.tokens.eva}` } })).status).toBe(200);
  expect((await viaProxy('198.51.100.104', 'GET', '/api/cases', { headers: { authorization: 'Bearer plz_another1-xxxxxxxxxxxxxxxx' } })).status).toBe(401);
});
