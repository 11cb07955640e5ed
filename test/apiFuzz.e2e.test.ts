/**
 * The API under fuzzing (fast-check), over real HTTP against the dev server, a worker and Postgres:
 * arbitrary JSON and mutated events, malformed JSON, wrong content types, huge bodies and unicode edge
 * cases in names. Never a 500; a rejected request never changes the case (its workflow state and its
 * read-model row are compared before and after).
 */
import fc from 'fast-check';
import { EVENT_TYPE_NAMES } from '../domain/case/eventTypes';
import { caseWorkflowId, stateQuery } from '../workflows/caseDefinitions';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { untilAtRest } from './atRest';

let h: ApiHarness;
const CASE = 'FUZZ-1';
const NUM_RUNS = Number(process.env.PLAZO_FUZZ_RUNS ?? 60);

beforeAll(async () => {
  h = await startApiHarness('api-fuzz');
  const opened = await h.http('POST', '/api/cases', {
    as: 'eva',
    body: { caseId: CASE, child: { name: 'Caso de fuzzing' }, entryDate: daysAgo(5), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(opened.status).toBe(201);
  await eventually(async () => expect((await h.http('GET', `/api/cases/${CASE}`)).status).toBe(200));
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

/** What must not move when a request is refused: the workflow's state and the read-model row. */
async function snapshot(): Promise<string> {
  const state = await h.env.client.workflow.getHandle(caseWorkflowId(CASE)).query(stateQuery);
  const row = await h.pg.db.selectFrom('cases').selectAll().where('id', '=', CASE).executeTakeFirst();
  const timeline = await h.pg.db.selectFrom('case_timeline').select((eb) => eb.fn.countAll().as('n')).where('case_id', '=', CASE).executeTakeFirst();
  return JSON.stringify({ state, row, timeline });
}

/**
 * Until the case is at rest: no workflow task or activity pending (nothing more to change it) and the
 * read model projected up to the workflow's own event counter.
 */
async function atRest(): Promise<void> {
  const handle = h.env.client.workflow.getHandle(caseWorkflowId(CASE));
  await untilAtRest(handle);
  await eventually(async () => {
    const [{ seq }, row] = await Promise.all([handle.query(stateQuery), h.pg.db.selectFrom('cases').select('version').where('id', '=', CASE).executeTakeFirst()]);
    expect(row?.version).toBe(seq);
  });
}

/** One request; a 500 fails at once, a refusal must leave the case as it was. */
async function probe(method: string, path: string, opts: Parameters<ApiHarness['http']>[2]): Promise<number> {
  const before = await snapshot();
  const res = await h.http(method, path, opts);
  const allowed = [200, 201, 400, 401, 403, 404, 409, 413, 415, 422];
  expect({ path, status: res.status, known: allowed.includes(res.status), body: res.text.slice(0, 300) }).toMatchObject({ path, known: true, status: res.status < 500 ? res.status : 'not a 5xx' });
  if (res.status >= 400) {
    expect(res.json?.error?.code).toEqual(expect.any(String));
    expect(await snapshot()).toBe(before);
  } else {
    // An accepted fuzz event is legitimate; the next comparison starts from the case at rest.
    await atRest();
  }
  return res.status;
}

const who = fc.constantFrom<StaffKey>('ana', 'luis', 'beto', 'carla', 'dora', 'eva');
/** Names: every Unicode plane, combining marks, RTL, zero-width, NUL, lone surrogates, very long. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.constantFrom('', ' ', '\u0000', '\u200b', '\u202eoñiN', 'Zoë\u0301', '\ud800', '\udfff', '👩‍👧‍👦'.repeat(50), 'ا'.repeat(201), 'x'.repeat(5000)),
);
const when = fc.oneof(
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '2099-01-01', '1900-01-01', 'yesterday', '', '2026-01-01T25:00:00Z', '2026-01-01T10:00:00'),
  fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.anything(),
);
/** Events near the real shape: a known or unknown type, odd dates, odd values, extra fields. */
const event = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...EVENT_TYPE_NAMES), nasty, fc.anything()),
    occurredAt: when,
    place: nasty,
    outcome: fc.oneof(fc.constantFrom('recognized', 'denied'), nasty),
    reason: nasty,
    extra: fc.anything(),
    recordedBy: fc.constantFrom(STAFF.beto.id, 'nobody'),
  },
  { requiredKeys: [] },
);
const caseIds = fc.oneof(fc.constant(CASE), fc.constant(encodeURIComponent(CASE + '\u0000')), fc.string({ maxLength: 70 }).map(encodeURIComponent));

describe('fuzzing the API never gives a 500 and never changes a case on refusal', () => {
  test('events: mutated shapes over the zod schemas', async () => {
    await fc.assert(fc.asyncProperty(who, event, async (as, body) => void (await probe('POST', `/api/cases/${CASE}/events`, { as, body }))), { numRuns: NUM_RUNS });
  });

  test('any JSON value as a body, on every write route', async () => {
    const route = fc.constantFrom(`/api/cases/${CASE}/events`, `/api/cases/${CASE}/escalations`, '/api/cases', '/api/overlays', `/api/deadlines/${CASE}:x/acknowledge`, '/codec/decode');
    await fc.assert(fc.asyncProperty(who, route, fc.jsonValue(), async (as, path, body) => void (await probe('POST', path, { as, body }))), { numRuns: NUM_RUNS });
  });

  test('opening cases with unicode edge cases in names: refused cleanly or stored exactly', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.option(fc.string({ maxLength: 12 })), async (name, nationality) => {
        const res = await h.http('POST', '/api/cases', {
          as: 'ana',
          body: { child: { name, ...(nationality !== null ? { nationality } : {}) }, assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
        });
        expect([201, 400, 413, 422]).toContain(res.status);
        // Text Postgres cannot keep is refused, never stored altered.
        if (name.includes('\u0000') || /\p{Cs}/u.test(name)) expect(res.status).toBe(400);
        if (res.status === 201) {
          const read = await h.http('GET', `/api/cases/${encodeURIComponent(res.json.id)}`, { as: 'ana' });
          expect(read.status).toBe(200);
          expect(read.json.child.name).toBe(name.trim());
        }
      }),
      { numRuns: Math.ceil(NUM_RUNS / 3) },
    );
  });

  test('malformed JSON, wrong content types, odd paths', async () => {
    const contentType = fc.oneof(fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', '', 'application/x-www-form-urlencoded'), fc.string({ maxLength: 40 }).filter((s) => /^[\x21-\x7e ]*$/.test(s)));
    await fc.assert(
      fc.asyncProperty(who, caseIds, fc.string({ unit: 'binary', maxLength: 500 }), contentType, async (as, id, raw, ct) => {
        await probe('POST', `/api/cases/${id}/events`, { as, raw, headers: ct ? { 'content-type': ct } : {} });
      }),
      { numRuns: NUM_RUNS },
    );
  });

  test('huge bodies and deep nesting are refused before they reach the case', async () => {
    const huge = JSON.stringify({ type: 'child_absent', occurredAt: daysAgo(1), note: 'x'.repeat(200_000) });
    expect(await probe('POST', `/api/cases/${CASE}/events`, { raw: huge, headers: { 'content-type': 'application/json' } })).toBe(413);
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    expect(await probe('POST', `/api/cases/${CASE}/events`, { raw: deep, headers: { 'content-type': 'application/json' } })).toBeGreaterThanOrEqual(400);
    const hugeName = { child: { name: 'ñ'.repeat(40_000) }, assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } };
    expect(await probe('POST', '/api/cases', { body: hugeName })).toBe(413);
  });
});
