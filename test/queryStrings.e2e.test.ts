/**
 * Every GET route, read from the server's own route table (a route added later is covered without
 * touching this file), over real HTTP against the real stack, signed in as an admin (so each request
 * reaches its handler): a NUL in any query parameter or path parameter is a 400 naming it; a keyset
 * cursor or a date that does not exist is refused, never a 500; then fast-check throws arbitrary query
 * strings (known and unknown names; any bytes, %-escaped, invalid UTF-8 included) at random routes and
 * expects no 5xx. Before the fix, `/cases?q=%00`, `/inbox?office=%00`, `/agenda?caseworker=%00` and
 * `/cases?after=0~2026-02-30T25:61:61Z~A` answered 500.
 */
import fc from 'fast-check';
import pino from 'pino';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { parseCodecKeys } from '../codec/keys';
import { issueAckLink } from '../db/ackLinks';
import { buildServer } from '../client/api/server';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { TEST_CODEC_KEYS } from './codecKeys';

let h: ApiHarness;
let routes: string[];
/** A real value for each path parameter, so a route answers from its handler rather than with a 404 of the router. */
let params: (route: string, name: string) => string;

/** The GET routes of a server built as main.ts builds it, from Fastify's printed route tree. */
async function getRoutes(): Promise<string[]> {
  const app = buildServer({ db: h.pg.db, temporal: h.env.client, codec: new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS)), logger: pino({ level: 'silent' }) });
  await app.ready();
  const tree = app.printRoutes({ method: 'GET', commonPrefix: false });
  await app.close();
  // "│   └── /:id (GET, HEAD)": the depth is where the branch starts; a node's path is its parent's plus its text.
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const path = (depth > 0 ? stack[depth - 1]! : '') + m[2]!;
    stack[depth] = path;
    if (m[3]?.split(', ').includes('GET')) out.push(path);
  }
  return out;
}

beforeAll(async () => {
  h = await startApiHarness('query-strings');
  const opened = await h.http('POST', '/api/cases', {
    as: 'eva',
    body: { caseId: 'QS-1', child: { name: 'Caso de consulta' }, entryDate: daysAgo(10), office: 'CDMX', assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(opened.status).toBe(201);
  const deadline = await eventually(async () => {
    const view = await h.http('GET', '/api/cases/QS-1', { as: 'eva' });
    return (view.json.deadlines as { deadlineId: string }[])[0]!.deadlineId;
  });
  const feed = await h.http('POST', '/api/me/calendar-link', { as: 'eva' });
  expect(feed.status).toBe(201);
  const feedFile = new URL(feed.json.url as string).pathname.slice('/calendar/'.length);
  const ack = await issueAckLink(h.pg.db, { userId: STAFF.eva.id, caseId: 'QS-1', deadlineId: deadline, series: 'reminder', expiresAt: new Date(Date.now() + 86_400_000) });
  params = (route, name) =>
    ({ id: route.startsWith('/api/users') ? STAFF.ana.id : 'QS-1', deadline, token: ack, file: feedFile })[name] ?? 'x';
  routes = await getRoutes();
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

/** The route with its parameters filled in (one of them replaced by `override` when given). */
const fill = (route: string, override?: { name: string; value: string }) =>
  route.replace(/:(\w+)/g, (_m, name: string) => (override?.name === name ? override.value : encodeURIComponent(params(route, name))));

async function get(path: string) {
  const res = await fetch(`${h.base}${path}`, { headers: { authorization: `Bearer ${h.tokens.eva}`, cookie: `plazo_session=${h.tokens.eva}` }, redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The parameter a refusal names: the JSON error's field, or the page's data-field. */
const namedField = (r: { type: string; text: string }) =>
  r.type.startsWith('application/json') ? (JSON.parse(r.text) as { error?: { field?: string } }).error?.field : /data-field="([^"]*)"/.exec(r.text)?.[1];

/** Every query parameter a Plazo route reads, and one none does. */
const NAMES = ['q', 'phase', 'office', 'caseworker', 'status', 'overdue', 'after', 'lang', 'done', 'view', 'from', 'kind', 'rule', 'names', 'next', 'token', 'sent', 'added', 'within', 'closed', 'x'];

test('the route table is read: the pages and the API routes the findings named are there', () => {
  expect(routes).toEqual(expect.arrayContaining(['/cases', '/inbox', '/agenda', '/dashboard', '/cases/:id', '/ack/:token', '/calendar/:file', '/api/cases', '/api/deadlines']));
  expect(routes.length).toBeGreaterThan(25);
});

test('a NUL in any query parameter of any GET route is a 400 naming the parameter', async () => {
  const wrong: unknown[] = [];
  for (const route of routes) {
    for (const name of NAMES) {
      const r = await get(`${fill(route)}?${name}=a%00b`);
      if (r.status !== 400 || namedField(r) !== name) wrong.push({ route, name, status: r.status, field: namedField(r) });
    }
  }
  expect(wrong).toEqual([]);
});

test('a NUL in any path parameter is a 400 naming it', async () => {
  const wrong: unknown[] = [];
  for (const route of routes.filter((r) => r.includes('/:'))) {
    for (const [, name] of route.matchAll(/:(\w+)/g)) {
      const r = await get(fill(route, { name: name!, value: 'QS%001' }));
      if (r.status !== 400 || namedField(r) !== name) wrong.push({ route, name, status: r.status, field: namedField(r) });
    }
  }
  expect(wrong).toEqual([]);
});

test('cursors and dates that do not exist are refused on the routes that read them, and answered below 500 everywhere', async () => {
  for (const path of ['/cases?after=0~2026-02-30T25:61:61Z~A', '/cases?after=1~2026-02-29T10:00:00Z~A', '/agenda?from=2026-02-30', '/agenda?from=2026-13-01']) {
    const r = await get(path);
    expect({ path, status: r.status, field: namedField(r) }).toEqual({ path, status: 400, field: path.includes('after') ? 'after' : 'from' });
  }
  const wrong: unknown[] = [];
  for (const route of routes) {
    for (const query of ['after=0~2026-02-30T25:61:61Z~A', 'from=2026-02-30', 'within=99999999999999999999d', 'q=%F0%9F', 'office=%ED%A0%80']) {
      const r = await get(`${fill(route)}?${query}`);
      if (r.status >= 500) wrong.push({ route, query, status: r.status });
    }
  }
  expect(wrong).toEqual([]);
});

test('arbitrary query strings on any GET route never answer 5xx (fast-check)', async () => {
  const bytes = fc.uint8Array({ maxLength: 40 }).map((b) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join(''));
  const text = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => encodeURIComponent(s));
  const special = fc.constantFrom('%00', '0~2026-02-30T25:61:61Z~A', '3~infinity~' + 'A'.repeat(70), '2026-02-29', '-1', '1e309', '%E0%A4%A', 'A'.repeat(3000));
  const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 10 }).map((s) => encodeURIComponent(s)));
  const query = fc.array(fc.tuple(name, fc.oneof(bytes, text, special)), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), query, async (route, q) => {
      const r = await get(`${fill(route)}?${q}`);
      return r.status < 500;
    }),
    { numRuns: 300 },
  );
});
