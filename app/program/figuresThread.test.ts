/**
 * The figures thread (figuresThread.ts) against the figures computed on the event loop: the same figures for
 * each scope (the summary as sent, the measured items parsed when asked for), on seeded cases
 * (dev/caseListSeed.ts) in a real Postgres; a query that fails there fails the request with Postgres' words
 * (its warm-up too, which then does not hold the API back), and a closed thread is started again.
 */
import { seedCaseList } from '../../dev/caseListSeed';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase';
import type { AuthUser } from '../auth';
import { startFiguresThread, type FiguresThread } from './figuresThread';
import { loadProgramFigures } from './loadProgramFigures';
import { withoutMeasureLists } from './programFigures';

let pg: TestDatabase;
let thread: FiguresThread;
const NOW = new Date('2026-12-06T18:00:00.000Z');
const ADMIN: AuthUser = { id: 'adm', name: 'Eva', email: 'eva@plazo.test', role: 'admin', language: 'es' };
const CASEWORKER: AuthUser = { id: 'cw-7', name: 'CW-7', email: 'cw-7@plazo.test', role: 'caseworker', language: 'es' };

beforeAll(async () => {
  pg = await createTestDatabase();
  await seedCaseList(pg.db, NOW, 600);
  thread = startFiguresThread(pg.url);
}, 120_000);

afterAll(async () => {
  await thread?.close();
  await pg?.drop();
});

test.each([ADMIN, CASEWORKER])('the thread answers the figures the event loop would, for $role', async (user) => {
  await thread.ready;
  const here = await loadProgramFigures(pg.db, user, NOW);
  const there = await thread.load(user, NOW);
  expect(there.summary).toEqual(withoutMeasureLists(here));
  expect(there.whole()).toEqual(here);
  expect(here.caseload.open).toBeGreaterThan(0);
});

test("the registry's figures carry their measured items across the thread", async () => {
  const there = (await thread.load(ADMIN, NOW)).whole();
  expect(there.comar.measures.length + there.bid.measures.length + there.detention.measures.length).toBeGreaterThan(0);
  expect(there.comar.measures).toEqual((await loadProgramFigures(pg.db, ADMIN, NOW)).comar.measures);
});

test('a failed query fails the request with its reason; a closed thread is started again by the next request', async () => {
  const url = new URL(pg.url);
  url.pathname = '/plazo_no_such_database';
  const broken = startFiguresThread(url.toString());
  try {
    // Its warm-up failed: ready all the same (the API does not wait on it), and each request says why.
    await broken.ready;
    await expect(broken.load(ADMIN, NOW)).rejects.toThrow(/program figures: .*plazo_no_such_database/);
  } finally {
    await broken.close();
  }
  await thread.close();
  expect((await thread.load(ADMIN, NOW)).summary.at).toBe(NOW.toISOString());
});
