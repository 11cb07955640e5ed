/**
 * The dashboard never blocks the API (issue 25, M1): with 10,000 cases in the read model and five program
 * dashboards loading at once, GET /api/health answers within a second and before the dashboards are done,
 * and every dashboard answers with the whole caseload. The API runs as production does (client/api/main.ts
 * in its own process, its own pools), so a blocked event loop or a starved pool would show here.
 */
import { seedCaseList } from '../dev/caseListSeed';
import { startApiProcess, type ApiProcess } from './apiHarness';

let p: ApiProcess;

beforeAll(async () => {
  p = await startApiProcess('dashboard-load');
  await seedCaseList(p.pg.db, new Date(), 10_000);
}, 180_000);

afterAll(() => p?.teardown());

const timed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started, doneAt: performance.now() };
};

test('health answers within a second while five dashboards load, and each dashboard answers', async () => {
  const dashboards = Array.from({ length: 5 }, () => timed(() => p.http('GET', '/api/program', { as: 'eva' })));
  const health = await timed(() => p.http('GET', '/api/health', { as: null }));
  const done = await Promise.all(dashboards);

  expect(health.result.status).toBe(200);
  expect(health.result.json).toMatchObject({ status: 'ok', database: 'ok' });
  expect(health.ms).toBeLessThan(1000);
  // It did not queue behind them: it was back before the last dashboard.
  expect(health.doneAt).toBeLessThan(Math.max(...done.map((d) => d.doneAt)));
  for (const d of done) {
    expect(d.result.status).toBe(200);
    // 10,000 seeded, a tenth of them closed.
    expect(d.result.json.caseload.open).toBe(9000);
    expect(d.result.json.byOffice.map((b: { key: string }) => b.key).sort()).toEqual(['CDMX', 'Tapachula', 'Tijuana']);
  }
});

test('GET /api/cases answers a page (100 by default, at most 500) and a cursor that walks every case once', async () => {
  const first = await p.http('GET', '/api/cases', { as: 'eva' });
  expect(first.status).toBe(200);
  expect(first.json.items).toHaveLength(100);
  expect(typeof first.json.next).toBe('string');

  const seen = new Set<string>();
  let after: string | null = null;
  let pages = 0;
  do {
    const page: { status: number; json: { items: { id: string }[]; next: string | null } } = await p.http('GET', `/api/cases?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`, { as: 'eva' });
    expect(page.status).toBe(200);
    expect(page.json.items.length).toBeLessThanOrEqual(500);
    for (const c of page.json.items) seen.add(c.id);
    after = page.json.next;
    pages++;
  } while (after);
  const open = await p.pg.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('closed_at', 'is', null).executeTakeFirstOrThrow();
  expect(seen.size).toBe(Number(open.n));
  expect(pages).toBe(Math.ceil(Number(open.n) / 500));

  for (const [query, field] of [['limit=501', 'limit'], ['limit=0', 'limit'], ['after=0~2026-02-30T25:61:61Z~A', 'after']] as const) {
    const r = await p.http('GET', `/api/cases?${query}`, { as: 'eva' });
    expect({ query, status: r.status, field: r.json?.error?.field }).toEqual({ query, status: 400, field });
  }
});

test('the figures are kept a few seconds per scope, counted afresh after a write; /api/program lists the measured items only with measures=1', async () => {
  const write = async () => expect((await p.http('POST', '/api/me/calendar-link', { as: 'eva' })).status).toBe(201);
  await write(); // none kept from the tests before
  const first = await p.http('GET', '/api/program', { as: 'eva' });
  expect(first.status).toBe(200);
  // The dashboard's figures, not the compliance CSV's rows.
  expect(first.json.detention.n + first.json.detention.pending).toBeGreaterThan(0);
  expect(first.json.detention.measures).toBeUndefined();
  // A director shares the registry's figures: the same count, as of the same moment.
  const director = await p.http('GET', '/api/program?measures=1', { as: 'dora' });
  expect(director.json.at).toBe(first.json.at);
  expect(director.json.detention.measures).toHaveLength(director.json.detention.n + director.json.detention.pending);
  expect((await p.http('GET', '/api/program?measures=2', { as: 'eva' })).json.error.field).toBe('measures');

  // Any write through the server drops them: the next request counts again.
  await write();
  const after = await p.http('GET', '/api/program', { as: 'eva' });
  expect(Date.parse(after.json.at)).toBeGreaterThan(Date.parse(first.json.at));
  expect(after.json.caseload).toEqual(first.json.caseload);
});
