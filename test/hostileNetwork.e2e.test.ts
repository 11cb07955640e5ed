/**
 * The web and the API against a hostile network, over real HTTP against the real stack (dev server,
 * worker, Postgres): malformed and cross-site Origins, security headers, `javascript:` links, control
 * characters in names, calendar feeds that end with access, existence leaks, invalid UTF-8, a 404 page
 * linking off-site, the codec's empty list and cookie path, 405, and the limit on failed sign-ins.
 * Each test was written against the server before its fix and failed there.
 */
import { request as rawRequest } from 'node:http';
import { connect } from 'node:net';
import { daysAgo, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness('hostile-network');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

const intake = (extra: Record<string, unknown> = {}) => ({
  child: { name: 'Caso de red' },
  entryDate: daysAgo(5),
  assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
  ...extra,
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('form posts from other sites', () => {
  test('a malformed Origin is refused with 403, never a 500, with or without a session', async () => {
    for (const origin of ['foo', 'http://', '::::', 'null']) {
      const anon = await h.http('POST', '/cases/x/events', { as: null, raw: form({ type: 'child_absent' }), headers: { ...FORM, origin } });
      expect({ origin, status: anon.status }).toEqual({ origin, status: 403 });
      const signedIn = await h.http('POST', '/cases/x/events', { as: null, raw: form({ type: 'child_absent' }), headers: { ...FORM, origin, cookie: `plazo_session=${h.tokens.ana}` } });
      expect({ origin, status: signedIn.status }).toEqual({ origin, status: 403 });
    }
  });

  test('login CSRF: a cross-site POST /login with a valid token signs nobody in; /logout is guarded too', async () => {
    const body = form({ token: h.tokens.eva, next: '/' });
    const attempts: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }];
    for (const headers of attempts) {
      const res = await h.http('POST', '/login', { as: null, raw: body, headers: { ...FORM, ...headers } });
      expect({ headers, status: res.status, cookie: res.headers.get('set-cookie') }).toEqual({ headers, status: 403, cookie: null });
    }
    const out = await h.http('POST', '/logout', { as: null, raw: '', headers: { ...FORM, 'sec-fetch-site': 'cross-site', cookie: `plazo_session=${h.tokens.ana}` } });
    expect(out.status).toBe(403);
    expect(out.headers.get('set-cookie')).toBeNull();

    // The right host with the wrong scheme is another origin (an http page on a network that can inject one).
    for (const origin of [h.base.replace('http:', 'https:'), 'https://plazo.test']) {
      const res = await h.http('POST', '/login', { as: null, raw: body, headers: { ...FORM, origin } });
      expect({ origin, status: res.status, cookie: res.headers.get('set-cookie') }).toEqual({ origin, status: 403, cookie: null });
    }
    // PUBLIC_URL's origin (http://plazo.test here) and the server's own are this site.
    expect((await h.http('POST', '/login', { as: null, raw: body, headers: { ...FORM, origin: 'http://plazo.test' } })).status).toBe(303);
    // The same form from the server's own page works.
    const ok = await h.http('POST', '/login', { as: null, raw: body, headers: { ...FORM, origin: h.base, 'sec-fetch-site': 'same-origin' } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/^plazo_session=/);
  });
});

describe('headers', () => {
  test('pages and JSON carry CSP with frame-ancestors, X-Frame-Options, nosniff, a referrer policy and no-store', async () => {
    const loginPage = await h.http('GET', '/login', { as: null });
    const casesPage = await h.http('GET', '/cases', { as: null, headers: { cookie: `plazo_session=${h.tokens.ana}` } });
    const json = await h.http('GET', '/api/cases');
    const notFound = await h.http('GET', '/api/nothing-here');
    for (const res of [loginPage, casesPage, json, notFound]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'none'");
      // Scripts only from Plazo itself or by the hash of a known inline one; never 'unsafe-inline'.
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
      expect(csp.split(';').find((d) => d.startsWith('script-src'))).not.toContain('unsafe');
    }
  });
});

describe('input the pages would render', () => {
  test('an overlay citation link must be http(s): javascript: and data: are refused with the field', async () => {
    const closure = (url: string, id: string) => ({
      id,
      kind: 'closure',
      start: daysAgo(40),
      end: daysAgo(39),
      scope: { agency: 'COMAR' },
      citation: { dof: daysAgo(41), title: 'Acuerdo de prueba', url },
    });
    for (const url of ['javascript:alert(document.cookie)', 'JavaScript://x%0aalert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://dof.gob.mx/x']) {
      const res = await h.http('POST', '/api/overlays', { as: 'eva', body: closure(url, 'bad-link') });
      expect({ url, status: res.status, field: res.json?.error?.field }).toEqual({ url, status: 400, field: 'citation.url' });
    }
    expect(await h.pg.db.selectFrom('overlays').select('id').execute()).toEqual([]);
    const ok = await h.http('POST', '/api/overlays', { as: 'eva', body: closure('https://www.dof.gob.mx/nota_detalle.php?codigo=1', 'good-link') });
    expect(ok.status).toBe(201);

    // One stored before the fix is shown, but never as a link.
    await h.pg.db.insertInto('overlays').values({ id: 'stored-before', body: JSON.stringify({ ...closure('javascript:alert(1)', 'stored-before'), citation: { dof: daysAgo(41), title: 'Acuerdo viejo', url: 'javascript:alert(1)', verified: false } }), created_by: STAFF.eva.id }).execute();
    const page = await h.http('GET', '/admin/overlays', { as: null, headers: { cookie: `plazo_session=${h.tokens.eva}` } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Acuerdo viejo');
    expect(page.text).not.toMatch(/href="\s*javascript:/i);
    expect(page.text).toContain('href="https://www.dof.gob.mx/nota_detalle.php?codigo=1"');
  });

  test("CR, LF and other control characters in a person's name are refused, naming the field", async () => {
    for (const name of ['Eve\r\nX-WR-CALNAME:pwn', 'Eve\nEND:VCALENDAR', 'Eve\u0085x', 'Eve\u2028x', 'E\tve']) {
      const user = await h.http('POST', '/api/users', { as: 'eva', body: { name, email: 'eve@ong.test', role: 'caseworker' } });
      expect({ name, status: user.status, field: user.json?.error?.field }).toEqual({ name, status: 400, field: 'name' });
      const rename = await h.http('PATCH', `/api/users/${STAFF.luis.id}`, { as: 'eva', body: { name } });
      expect({ name, status: rename.status, field: rename.json?.error?.field }).toEqual({ name, status: 400, field: 'name' });
      const child = await h.http('POST', '/api/cases', { body: intake({ child: { name } }) });
      expect({ name, status: child.status, field: child.json?.error?.field }).toEqual({ name, status: 400, field: 'child.name' });
    }
    expect((await h.http('GET', `/api/users/${STAFF.luis.id}`, { as: 'eva' })).json.name).toBe(STAFF.luis.name);
    expect(await h.pg.db.selectFrom('users').select('id').where('email', '=', 'eve@ong.test').execute()).toEqual([]);
  });

  test('bidi overrides and zero-width characters in a name are refused, naming the field: one name cannot pass for another', async () => {
    for (const name of ['Ana \u202eaznoM', 'An\u200ba Pérez', 'Ana\u200dPérez', 'Ana \u2066Pérez\u2069', 'Ana\u00adPérez', 'Ana\u2060Pérez']) {
      const child = await h.http('POST', '/api/cases', { body: intake({ caseId: 'LOOKALIKE-1', child: { name } }) });
      expect({ name, status: child.status, field: child.json?.error?.field }).toEqual({ name, status: 400, field: 'child.name' });
      const user = await h.http('POST', '/api/users', { as: 'eva', body: { name, email: 'lookalike@ong.test', role: 'caseworker' } });
      expect({ name, status: user.status, field: user.json?.error?.field }).toEqual({ name, status: 400, field: 'name' });
    }
    expect(await h.pg.db.selectFrom('cases').select('id').where('id', '=', 'LOOKALIKE-1').execute()).toEqual([]);
    expect(await h.pg.db.selectFrom('users').select('id').where('email', '=', 'lookalike@ong.test').execute()).toEqual([]);
    // Accents, ñ and other scripts are names like any other.
    expect((await h.http('POST', '/api/cases', { body: intake({ child: { name: 'Ñañez Pérez محمد' } }) })).status).toBe(201);
  });

  test('invalid UTF-8 in a JSON body is refused naming the field, not stored as U+FFFD', async () => {
    const json = JSON.stringify(intake({ caseId: 'UTF8-1', child: { name: 'Jos__' } }));
    const bytes = Buffer.from(json, 'utf8');
    const at = bytes.indexOf('__');
    bytes[at] = 0xc3; // a lead byte followed by '_' is not UTF-8
    bytes[at + 1] = 0xff;
    const res = await fetch(`${h.base}/api/cases`, { method: 'POST', body: bytes, headers: { authorization: `Bearer ${h.tokens.ana}`, 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { field: string } }).error).toMatchObject({ code: 'invalid_request', field: 'child.name', message: 'is not valid UTF-8' });
    expect(await h.pg.db.selectFrom('cases').select('id').where('id', '=', 'UTF8-1').execute()).toEqual([]);
  });

  test('invalid UTF-8 in a form post (raw or %-escaped) is refused naming the field, not stored as U+FFFD', async () => {
    const session = { cookie: `plazo_session=${h.tokens.ana}`, 'sec-fetch-site': 'same-origin', ...FORM };
    const fields = `caseId=UTF8-2&assignments.caseworker=${STAFF.ana.id}&assignments.supervisor=${STAFF.beto.id}&assignments.lawyer=${STAFF.carla.id}`;
    const escaped = await h.http('POST', '/cases/new', { as: null, raw: `child.name=Jos%C3_&${fields}`, headers: session });
    expect(escaped.status).toBe(400);
    expect(escaped.text).toContain('data-field="child.name"');
    const res = await fetch(`${h.base}/cases/new`, { method: 'POST', body: Buffer.concat([Buffer.from('child.name=Jos'), Buffer.from([0xff]), Buffer.from(`&${fields}`)]), headers: session });
    expect(res.status).toBe(400);
    expect(await h.pg.db.selectFrom('cases').select('id').where('id', '=', 'UTF8-2').execute()).toEqual([]);
  });

  test("a 404 page's language switch stays on this site for a path like //evil.example/x", async () => {
    for (const path of ['//evil.example/x', '/\\evil.example/x']) {
      const res = await fetch(`${h.base}${path}`, { redirect: 'manual' });
      expect(res.status).toBe(404);
      const hrefs = [...(await res.text()).matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) expect({ path, href, offSite: /^(\/\/|\/\\|[a-z]+:)/i.test(href) }).toEqual({ path, href, offSite: false });
    }
  });
});

describe('existence and assignments', () => {
  test("assignment errors do not name another person's role; a caseworker cannot open a case she would not see", async () => {
    const wrongRole = await h.http('POST', '/api/cases', { body: intake({ assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.sofia.id } }) });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.json.error).toEqual({ code: 'invalid_assignment', field: 'assignments.lawyer', message: `no active lawyer '${STAFF.sofia.id}'` });
    const missing = await h.http('POST', '/api/cases', { body: intake({ assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: 'law-nobody' } }) });
    expect(missing.json.error.message).toBe("no active lawyer 'law-nobody'");

    const forLuis = await h.http('POST', '/api/cases', { as: 'ana', body: intake({ caseId: 'NOT-MINE', assignments: { caseworker: STAFF.luis.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } }) });
    expect(forLuis.status).toBe(422);
    expect(forLuis.json.error.field).toBe('assignments.caseworker');
    // Sofía supervises no team Luis is in, and is not named as supervisor: she would not see it either.
    const sofia = await h.http('POST', '/api/cases', { as: 'sofia', body: intake({ caseId: 'NOT-MINE', assignments: { caseworker: STAFF.luis.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } }) });
    expect(sofia.status).toBe(422);
    expect(sofia.json.error.field).toBe('assignments.supervisor');
    expect((await h.http('GET', '/api/cases/NOT-MINE', { as: 'eva' })).status).toBe(404);
    // Beto leads Ana's team: a case for Ana with another supervisor is still his to see.
    const beto = await h.http('POST', '/api/cases', { as: 'beto', body: intake({ assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.sofia.id, lawyer: STAFF.carla.id } }) });
    expect(beto.status).toBe(201);
    expect((await h.http('GET', `/api/cases/${beto.json.id}`, { as: 'beto' })).status).toBe(200);
  });

  test("choosing a case id tells nothing about cases one may not see: only an admin chooses ids; others give a file number", async () => {
    const forLuis = { caseworker: STAFF.luis.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake({ caseId: 'HIDDEN-1', assignments: forLuis }) })).status).toBe(201);
    const before = await h.http('GET', '/api/cases/HIDDEN-1', { as: 'eva' });
    expect((await h.http('GET', '/api/cases/HIDDEN-1', { as: 'ana' })).status).toBe(404);

    // Ana may not see HIDDEN-1: choosing its id and choosing a free id get the same answer.
    const taken = await h.http('POST', '/api/cases', { as: 'ana', body: intake({ caseId: 'HIDDEN-1' }) });
    const free = await h.http('POST', '/api/cases', { as: 'ana', body: intake({ caseId: 'FREE-1' }) });
    expect(taken.status).toBe(403);
    expect(taken.json.error.field).toBe('caseId');
    expect(taken.json.error.message).toMatch(/fileNumber/);
    expect(free.status).toBe(taken.status);
    expect(free.json).toEqual(taken.json);
    expect((await h.http('GET', '/api/cases/FREE-1', { as: 'eva' })).status).toBe(404);
    expect((await h.http('GET', '/api/cases/HIDDEN-1', { as: 'eva' })).json).toEqual(before.json);

    // An admin sees every case: a 409 tells her nothing new.
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake({ caseId: 'HIDDEN-1', assignments: forLuis }) })).status).toBe(409);

    // Her own numbering goes in fileNumber: kept, shown, not unique — a second case with it is a likely
    // duplicate, warned (409 naming duplicateConfirmed) and opened once she confirms it is another child.
    const noId = intake();
    const first = await h.http('POST', '/api/cases', { as: 'ana', body: { ...noId, fileNumber: ' EXP-0457/2026 ' } });
    expect(first.status).toBe(201);
    expect(first.json.id).toMatch(/^C-\d{4}-[A-Z0-9]{6}$/);
    const shown = await h.http('GET', `/api/cases/${first.json.id}`, { as: 'ana' });
    expect(shown.json.fileNumber).toBe('EXP-0457/2026');
    const again = await h.http('POST', '/api/cases', { as: 'ana', body: { ...noId, fileNumber: 'EXP-0457/2026' } });
    expect(again.status).toBe(409);
    expect(again.json.error.field).toBe('duplicateConfirmed');
    expect((await h.http('POST', '/api/cases', { as: 'ana', body: { ...noId, fileNumber: 'EXP-0457/2026', duplicateConfirmed: true } })).status).toBe(201);
    const control = await h.http('POST', '/api/cases', { as: 'ana', body: { ...noId, fileNumber: 'EXP\r\nX' } });
    expect(control.status).toBe(400);
    expect(control.json.error.field).toBe('fileNumber');
  });
});

describe('calendar feeds end with access', () => {
  test('revoking the token, an admin revoking the feed, and deactivation each end it; reactivation does not revive an old link', async () => {
    const added = await h.http('POST', '/api/users', { as: 'eva', body: { id: 'cw-zoe', name: 'Zoe', email: 'zoe@ong.test', role: 'caseworker' } });
    expect(added.status).toBe(201);
    const issue = async () => {
      const r = await h.http('POST', '/api/users/cw-zoe/tokens', { as: 'eva', body: { label: 'laptop' } });
      expect(r.status).toBe(201);
      return r.json as { token: string; tokenInfo: { id: string } };
    };
    const zoe = (token: string) => ({ as: null, headers: { authorization: `Bearer ${token}` } });
    const feedOf = async (token: string) => {
      const r = await h.http('POST', '/api/me/calendar-link', zoe(token));
      expect(r.status).toBe(201);
      return new URL(r.json.url as string).pathname;
    };
    const feedStatus = async (path: string) => (await h.http('GET', path, { as: null })).status;

    // 1. The token that asked for the feed is revoked: the feed ends.
    const first = await issue();
    const feed1 = await feedOf(first.token);
    expect(await feedStatus(feed1)).toBe(200);
    expect((await h.http('DELETE', `/api/tokens/${first.tokenInfo.id}`, { as: 'eva' })).status).toBe(200);
    expect(await feedStatus(feed1)).toBe(404);

    // 2. An admin revokes the feed itself.
    const second = await issue();
    const feed2 = await feedOf(second.token);
    expect(await feedStatus(feed2)).toBe(200);
    expect((await h.http('DELETE', '/api/users/cw-zoe/calendar-link', { as: 'ana' })).status).toBe(403);
    const revoked = await h.http('DELETE', '/api/users/cw-zoe/calendar-link', { as: 'eva' });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toEqual({ userId: 'cw-zoe', revoked: true });
    expect(await feedStatus(feed2)).toBe(404);
    expect((await h.http('DELETE', '/api/users/cw-nobody/calendar-link', { as: 'eva' })).status).toBe(404);

    // 2b. The same from the admin page (/admin/users shows who has a feed).
    const feed2b = await feedOf(second.token);
    expect((await h.http('GET', '/api/users/cw-zoe', { as: 'eva' })).json.calendarFeed).toBe(true);
    const adminPage = await h.http('GET', '/admin/users', { as: null, headers: { cookie: `plazo_session=${h.tokens.eva}` } });
    expect(adminPage.text).toContain('action="/admin/users/cw-zoe/calendar-link/revoke"');
    const webRevoke = await h.http('POST', '/admin/users/cw-zoe/calendar-link/revoke', { as: null, raw: '', headers: { ...FORM, cookie: `plazo_session=${h.tokens.eva}`, 'sec-fetch-site': 'same-origin' } });
    expect(webRevoke.status).toBe(303);
    expect(webRevoke.headers.get('location')).toBe('/admin/users?done=feed_revoked');
    expect(await feedStatus(feed2b)).toBe(404);
    expect((await h.http('GET', '/api/users/cw-zoe', { as: 'eva' })).json.calendarFeed).toBe(false);

    // 3. Deactivated, then reactivated with a new token: the old link stays dead.
    const feed3 = await feedOf(second.token);
    expect(await feedStatus(feed3)).toBe(200);
    expect((await h.http('PATCH', '/api/users/cw-zoe', { as: 'eva', body: { active: false } })).status).toBe(200);
    expect(await feedStatus(feed3)).toBe(404);
    expect((await h.http('PATCH', '/api/users/cw-zoe', { as: 'eva', body: { active: true } })).status).toBe(200);
    const third = await issue();
    expect(await feedStatus(feed3)).toBe(404);
    expect(await feedStatus(feed1)).toBe(404);
    const feed4 = await feedOf(third.token);
    expect(await feedStatus(feed4)).toBe(200);
  });
});

describe('the codec endpoint', () => {
  test('{} (how the Go CLI sends an empty list) decodes to an empty list; the session cookie works for an admin only', async () => {
    const bearer = await h.http('POST', '/codec/decode', { as: 'eva', body: {} });
    expect(bearer.status).toBe(200);
    expect(bearer.json).toEqual({ payloads: [] });
    const cookie = (who: 'eva' | 'ana') => ({ as: null, body: {}, headers: { cookie: `plazo_session=${h.tokens[who]}` } });
    const admin = await h.http('POST', '/codec/decode', cookie('eva'));
    expect(admin.status).toBe(200);
    expect(admin.json).toEqual({ payloads: [] });
    expect((await h.http('POST', '/codec/encode', cookie('eva'))).json).toEqual({ payloads: [] });
    expect((await h.http('POST', '/codec/decode', cookie('ana'))).status).toBe(403);
    expect((await h.http('POST', '/codec/decode', { as: null, body: {} })).status).toBe(401);
  });
});

describe('methods', () => {
  test('a method a path does not have is 405 with Allow, TRACE included; an unknown path stays 404', async () => {
    const del = await h.http('DELETE', '/api/cases');
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(del.json.error.code).toBe('method_not_allowed');
    expect((await h.http('PUT', `/api/users/${STAFF.ana.id}`, { as: 'eva', body: {} })).status).toBe(405);
    expect((await h.http('GET', '/api/users/x/tokens', { as: 'eva' })).status).toBe(405);
    expect((await h.http('PATCH', '/login', { as: null })).status).toBe(405);
    expect((await h.http('DELETE', '/api/no-such-thing')).status).toBe(404);
    const trace = await new Promise<number>((resolve, reject) => {
      const req = rawRequest(`${h.base}/api/cases`, { method: 'TRACE' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    expect(trace).toBe(405);
    // A method node's HTTP parser does not know at all: 405 too, not a bare 400.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(h.base).port), '127.0.0.1', () => socket.write('FOO /api/cases HTTP/1.1\r\nHost: x\r\n\r\n'));
      let got = '';
      socket.on('data', (d) => (got += d.toString()));
      socket.on('end', () => resolve(got));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 405 /);
  });

  test("a long path parameter reaches its route (a 404 in Plazo's shape, with the usual headers); one past any id's length or not valid %-encoding gets Plazo's shape too", async () => {
    for (const length of [101, 1500]) {
      const api = await h.http('GET', `/api/cases/${'A'.repeat(length)}`);
      expect({ length, status: api.status, code: api.json?.error?.code, cache: api.headers.get('cache-control'), frame: api.headers.get('x-frame-options') }).toEqual({ length, status: 404, code: 'not_found', cache: 'no-store', frame: 'DENY' });
      const page = await h.http('GET', `/cases/${'A'.repeat(length)}`, { as: null, headers: { cookie: `plazo_session=${h.tokens.ana}` } });
      expect({ length, status: page.status, type: page.headers.get('content-type') }).toEqual({ length, status: 404, type: 'text/html; charset=utf-8' });
    }
    // Writes too: the long id never reaches Temporal (whose workflow ids stop at 1,000 characters).
    const long = 'A'.repeat(1500);
    for (const [path, body] of [
      [`/api/cases/${long}/events`, { type: 'child_absent', occurredAt: new Date().toISOString() }],
      [`/api/cases/${long}/escalations`, { deadlineId: 'x', reason: 'porque sí' }],
      [`/api/deadlines/${long}/acknowledge`, { series: 'reminder' }],
      [`/api/users/${long}/tokens`, { label: 'x' }],
    ] as const) {
      const res = await h.http('POST', path, { as: 'eva', body });
      expect({ path: path.slice(0, 20), status: res.status < 500, code: typeof res.json?.error?.code }).toEqual({ path: path.slice(0, 20), status: true, code: 'string' });
    }
    const huge = await h.http('GET', `/api/cases/${'A'.repeat(2001)}`);
    expect(huge.status).toBe(414);
    expect(huge.json).toEqual({ error: { code: 'uri_too_long', message: 'a path segment is longer than 2000 characters', field: 'path' } });
    expect(huge.headers.get('cache-control')).toBe('no-store');
    const hugePage = await h.http('GET', `/cases/${'A'.repeat(2001)}`, { as: null, headers: { cookie: `plazo_session=${h.tokens.ana}` } });
    expect(hugePage.status).toBe(414);
    expect(hugePage.text).toContain('data-field="path"');
    const badEscape = await h.http('GET', '/api/cases/%E0%A4%A');
    expect(badEscape.status).toBe(400);
    expect(badEscape.json.error).toMatchObject({ code: 'bad_request', field: 'path' });
  });
});

// Last: it leaves this address over the limit for a minute.
describe('failed sign-ins', () => {
  test('wrong bearer tokens and wrong login tokens get 429 past the limit, with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      statuses.push((await h.http('GET', '/api/cases', { as: null, headers: { authorization: `Bearer plz_wrong-token-number-${i}-xxxxxxxx` } })).status);
    }
    // At most 20 failures a minute from one address (earlier tests in this file spent a few): 401s, then only 429s.
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(10);
    expect(first429).toBeLessThanOrEqual(20);
    expect(statuses).toEqual([...Array(first429).fill(401), ...Array(25 - first429).fill(429)]);
    const limited = await h.http('GET', '/api/cases', { as: null, headers: { authorization: 'Bearer plz_wrong-token-again-xxxxxxxx' } });
    expect(limited.status).toBe(429);
    expect(limited.json.error.code).toBe('too_many_requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The login form and the codec endpoint are limited with the bearer tokens: the same address, the same count.
    const login = await h.http('POST', '/login', { as: null, raw: form({ token: 'plz_guess-xxxxxxxxxxxxxxxxxx' }), headers: FORM });
    expect(login.status).toBe(429);
    expect((await h.http('POST', '/codec/decode', { as: null, body: {}, headers: { authorization: 'Bearer plz_guess-xxxxxxxxxxxxxxxxxx' } })).status).toBe(429);
    // So are a guessed feed token and a guessed session cookie on the pages.
    expect((await h.http('GET', '/calendar/plzcal_guess-xxxxxxxxxxxxxxxxxx.ics', { as: null })).status).toBe(429);
    expect((await h.http('GET', '/cases', { as: null, headers: { cookie: 'plazo_session=plz_guess-xxxxxxxxxxxxxxxxxx' } })).status).toBe(429);
    // PLAZO_TRUST_PROXY is unset here: a client naming another address in X-Forwarded-For is still itself.
    const spoofed = await h.http('GET', '/api/cases', { as: null, headers: { authorization: 'Bearer plz_other-prefix-xxxxxxxxxxxx', 'x-forwarded-for': '203.0.113.99' } });
    expect(spoofed.status).toBe(429);
    expect(spoofed.json.error.message).toMatch(/from this address/);
  });
});
