/**
 * The API contract, over real HTTP, against the Temporal dev server, a worker, Postgres and SMTP:
 * opening cases, recording events (422 with the field when the case refuses one), reading state,
 * timelines and deadlines, escalations, acknowledgements, overlays, the calendar feed, roles, errors
 * and the audit log.
 */
import { sql } from 'kysely';
import { computeDeadline } from '../domain';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;
const CASE = 'API-1';

beforeAll(async () => {
  h = await startApiHarness('api-contract');
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

// A 14-year-old whatever the day the suite runs: a fixed birth date would make her an adult one day.
const BIRTH_DATE = `${Number(daysAgo(0).slice(0, 4)) - 14}-04-02`;

const intake = (over: Record<string, unknown> = {}) => ({
  caseId: CASE,
  child: { name: 'Mariana López', birthDate: BIRTH_DATE, nationality: 'Honduras' },
  entryDate: daysAgo(12),
  office: 'CDMX',
  assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
  ...over,
});

const deadline = (view: any, id: string) => view.deadlines.find((d: any) => d.deadlineId === id);

describe('errors are JSON and 4xx for bad input', () => {
  test('no token, a bad token → 401 with the error shape', async () => {
    const none = await h.http('GET', '/api/cases', { as: null });
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: { code: 'unauthorized', message: expect.any(String), field: null } });
    const bad = await h.http('GET', '/api/cases', { as: null, headers: { authorization: 'Bearer plz_not-a-real-token-at-all' } });
    expect(bad.status).toBe(401);
  });

  test('malformed JSON, unknown fields, wrong types, oversized bodies, other media types, unknown routes', async () => {
    const malformed = await h.http('POST', '/api/cases', { raw: '{"caseId": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('malformed_json');

    const unknown = await h.http('POST', '/api/cases', { body: intake({ favouriteColour: 'blue' }) });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatchObject({ code: 'invalid_request', field: 'favouriteColour', message: 'is not a known field' });

    const wrongType = await h.http('POST', '/api/cases', { body: intake({ child: { name: 42 } }) });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.field).toBe('child.name');

    const missing = await h.http('POST', '/api/cases', { body: { child: { name: 'x' } } });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatchObject({ field: 'assignments', message: 'is required' });

    const impersonating = await h.http('POST', '/api/cases', { body: intake({ recordedBy: STAFF.beto.id }) });
    expect(impersonating.status).toBe(400);
    expect(impersonating.json.error.field).toBe('recordedBy');

    const huge = await h.http('POST', '/api/cases', { body: intake({ child: { name: 'x'.repeat(70_000) } }) });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('body_too_large');

    const form = await h.http('POST', '/api/cases', { raw: 'caseId=X', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);

    const route = await h.http('GET', '/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.json.error.code).toBe('not_found');

    const badAssignment = await h.http('POST', '/api/cases', { body: intake({ assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.ana.id } }) });
    expect(badAssignment.status).toBe(422);
    expect(badAssignment.json.error).toMatchObject({ field: 'assignments.lawyer', message: "no active lawyer 'cw-ana'" });

    const future = await h.http('POST', '/api/cases', { body: intake({ entryDate: '2044-01-01' }) });
    expect(future.status).toBe(422);
    expect(future.json.error.field).toBe('entryDate');

    // Outside the covered range (domain/coverage.ts) the body itself is invalid: 400, naming the field.
    const uncovered = await h.http('POST', '/api/cases', { body: intake({ entryDate: '2099-01-01' }) });
    expect(uncovered.status).toBe(400);
    expect(uncovered.json.error).toMatchObject({ field: 'entryDate', message: "2099-01-01 is outside the dates Plazo's calendars cover (2007-01-01 to 2045-12-31)" });
    const oldBirth = await h.http('POST', '/api/cases', { body: intake({ child: { name: 'N. N.', birthDate: '1989-06-01' } }) });
    expect(oldBirth.status).toBe(400);
    expect(oldBirth.json.error).toMatchObject({ field: 'child.birthDate', message: '1989-06-01 is outside the birth dates Plazo covers (1990-01-01 to 2045-12-31)' });

    // Nothing was stored by any of them.
    expect(await h.pg.db.selectFrom('cases').select('id').execute()).toEqual([]);
  });

  test('the OpenAPI document describes the contract', async () => {
    const r = await h.http('GET', '/api/openapi.json', { as: null });
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    for (const p of ['/api/cases', '/api/cases/{id}', '/api/cases/{id}/events', '/api/cases/{id}/events/{seq}/correct', '/api/cases/{id}/events/{seq}/void', '/api/cases/{id}/timeline', '/api/deadlines', '/api/cases/{id}/escalations', '/api/deadlines/{id}/acknowledge', '/api/deadlines/{id}/acknowledgements/withdraw', '/api/overlays', '/api/overlays/{id}/withdraw', '/api/import', '/api/import/preview', '/api/import/runs/{id}', '/calendar/{token}.ics']) {
      expect(r.json.paths).toHaveProperty([p]);
    }
    expect(JSON.stringify(r.json.components.schemas.CaseEvent)).toContain('detention_started');
  });
});

describe('a case through the API', () => {
  test('POST /api/cases opens the case and starts its workflow: 201 with the id and the first deadlines', async () => {
    // Only an admin chooses a case id (tests/hostileNetwork: a 409 would leak cases one may not see).
    const r = await h.http('POST', '/api/cases', { as: 'eva', body: intake() });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/cases/${CASE}`);
    expect(r.json).toMatchObject({ id: CASE, workflowId: `case-${CASE}` });
    expect(r.json.case.phase).toBe('intake');
    const window = deadline(r.json.case, 'asylum_filing_window');
    expect(window).toMatchObject({ status: 'open', citation: 'LRPCAP art. 18', kind: 'law', trigger: daysAgo(12), id: `${CASE}:asylum_filing_window` });
    expect(window.remaining.text).toMatch(/^\d+ business days left$/); // Eva reads English
    expect(deadline((await h.http('GET', `/api/cases/${CASE}`, { as: 'ana' })).json, 'asylum_filing_window').remaining.text).toMatch(/^faltan \d+ días hábiles$/); // Ana, Spanish
    expect(window.skipped.length).toBeGreaterThan(0);
    expect(r.json.case.links.temporal).toBe(`http://temporal-ui.test/namespaces/default/workflows/case-${CASE}`);
    // Only an admin (who may decode payloads) is given the Temporal UI's address; a caseworker's JSON has none.
    const asAna = (await h.http('GET', `/api/cases/${CASE}`, { as: 'ana' })).json;
    expect(asAna.links.page).toBe(`http://plazo.test/cases/${CASE}`);
    expect(asAna.links).not.toHaveProperty('temporal');
    // The rule itself is worked by hand in domain/deadlines.test.ts; here the API must carry the same date.
    expect(deadline(r.json.case, 'age_of_majority')).toMatchObject({ due: computeDeadline({ ruleId: 'age_of_majority', trigger: BIRTH_DATE }).due });

    const again = await h.http('POST', '/api/cases', { as: 'eva', body: intake() });
    expect(again.status).toBe(409);
    expect(again.json.error.field).toBe('caseId');

    const generated = await h.http('POST', '/api/cases', { as: 'beto', body: { child: { name: 'Kevin' }, assignments: { caseworker: STAFF.luis.id, supervisor: STAFF.beto.id, lawyer: STAFF.diego.id } } });
    expect(generated.status).toBe(201);
    expect(generated.json.id).toMatch(/^C-\d{4}-[2-9A-HJ-NP-Z]{6}$/);

    const lawyerOpens = await h.http('POST', '/api/cases', { as: 'carla', body: intake({ caseId: 'NOPE' }) });
    expect(lawyerOpens.status).toBe(403);
  });

  test('who sees the case: its caseworker, lawyer, supervisor (and the team lead), the director; not others', async () => {
    for (const who of ['ana', 'carla', 'beto', 'dora', 'eva'] as const) expect((await h.http('GET', `/api/cases/${CASE}`, { as: who })).status).toBe(200);
    for (const who of ['luis', 'diego', 'sofia'] as const) {
      const r = await h.http('GET', `/api/cases/${CASE}`, { as: who });
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('not_found');
    }
    expect((await h.http('GET', '/api/cases/NO-SUCH-CASE')).status).toBe(404);
    expect((await h.http('GET', '/api/cases/%20bad%20id')).status).toBe(404);
    const ana = await h.http('GET', '/api/cases', { as: 'ana' });
    expect(ana.json).toEqual({ items: [expect.objectContaining({ id: CASE })], next: null });
    const luis = await h.http('GET', '/api/cases', { as: 'luis' });
    expect(luis.json.items.map((c: any) => c.id)).not.toContain(CASE);
  });

  test('POST events answers with the new state; an event invalid for this case is 422 naming the field', async () => {
    const filed = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(3), note: 'en la oficina de CDMX' } });
    expect(filed.status).toBe(200);
    expect(filed.json.phase).toBe('asylum');
    expect(deadline(filed.json, 'asylum_filing_window').status).toBe('met');
    expect(deadline(filed.json, 'comar_decision')).toMatchObject({ status: 'open', trigger: daysAgo(3), citation: 'LRPCAP art. 24' });
    // What a lawyer reads (issue 12): the term, and one explanation with the governing calendar.
    expect(deadline(filed.json, 'comar_decision')).toMatchObject({ term: '45 días hábiles, LRPCAP art. 24' });
    expect(deadline(filed.json, 'comar_decision').explanation).toContain('Governing calendar: LFPA art. 28 as written + closures declared for COMAR');
    const stored = deadline((await h.http('GET', `/api/cases/${CASE}`)).json, 'comar_decision');
    expect(stored.explanation).toBe(deadline(filed.json, 'comar_decision').explanation);
    expect(deadline(filed.json, 'weekly_signature#1')).toMatchObject({ id: `${CASE}:weekly_signature.1`, status: 'open' });

    const notDetained = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_ended', occurredAt: new Date().toISOString() } });
    expect(notDetained.status).toBe(422);
    expect(notDetained.json.error).toEqual({ code: 'invalid_event', field: 'type', message: 'the child is not detained' });

    const future = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'sre_opinion_requested', occurredAt: '2044-01-01' } });
    expect(future.status).toBe(422);
    expect(future.json.error).toMatchObject({ field: 'occurredAt', message: 'is in the future' });
    // Outside the dates the calendars cover (domain/coverage.ts): refused by the schema, before the workflow.
    const uncovered = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'sre_opinion_requested', occurredAt: '2099-01-01' } });
    expect(uncovered.status).toBe(400);
    expect(uncovered.json.error).toMatchObject({ field: 'occurredAt', message: "2099-01-01 is outside the dates Plazo's calendars cover (2007-01-01 to 2045-12-31)" });

    const twice = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(1) } });
    expect(twice.status).toBe(422);
    expect(twice.json.error.field).toBe('type');

    const unknownType = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'moved_to_mars', occurredAt: daysAgo(1) } });
    expect(unknownType.status).toBe(400);
    expect(unknownType.json.error.field).toBe('type');

    const noPlace = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: new Date().toISOString() } });
    expect(noPlace.status).toBe(400);
    expect(noPlace.json.error).toMatchObject({ field: 'place', message: 'is required' });

    const dateForInstant = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: daysAgo(1), place: 'EM Tapachula' } });
    expect(dateForInstant.status).toBe(400);
    expect(dateForInstant.json.error.field).toBe('occurredAt');

    const directorRecords = await h.http('POST', `/api/cases/${CASE}/events`, { as: 'dora', body: { type: 'sre_opinion_requested', occurredAt: daysAgo(1) } });
    expect(directorRecords.status).toBe(403);
    const lawyerReassigns = await h.http('POST', `/api/cases/${CASE}/events`, { as: 'carla', body: { type: 'assignment_changed', occurredAt: daysAgo(0), role: 'lawyer', userId: STAFF.diego.id } });
    expect(lawyerReassigns.status).toBe(403);
    const otherCaseworker = await h.http('POST', `/api/cases/${CASE}/events`, { as: 'luis', body: { type: 'sre_opinion_requested', occurredAt: daysAgo(1) } });
    expect(otherCaseworker.status).toBe(404);

    // The rejected events changed nothing. (Not compared by version: the claim was filed 3 days ago, so
    // COMAR's 72-hour notice to INM (mx-2026.2) is already overdue and the workflow may be adding its
    // own notification entries meanwhile.)
    const after = await h.http('GET', `/api/cases/${CASE}`);
    const shape = (v: any) => ({ phase: v.phase, deadlines: v.deadlines.map((d: any) => [d.deadlineId, d.due, d.trigger]).sort() });
    expect(shape(after.json)).toEqual(shape(filed.json));
    const byPeople = (await h.http('GET', `/api/cases/${CASE}/timeline`)).json.filter((t: any) => t.by !== 'system');
    expect(byPeople.map((t: any) => t.type)).not.toContain('sre_opinion_requested');
  });

  test('GET state and timeline: who recorded what, when it happened and when it was recorded', async () => {
    const state = await h.http('GET', `/api/cases/${CASE}`);
    expect(state.status).toBe(200);
    expect(state.json.phase).toBe('asylum');
    const tl = await h.http('GET', `/api/cases/${CASE}/timeline`, { as: 'carla' });
    expect(tl.status).toBe(200);
    const filed = tl.json.find((t: any) => t.type === 'asylum_claim_filed');
    expect(filed).toMatchObject({ by: STAFF.ana.id, at: daysAgo(3) });
    expect(filed.summary).toContain('en la oficina de CDMX');
    expect(Date.parse(filed.recordedAt)).toBeGreaterThan(Date.now() - 120_000);
    expect(tl.json.map((t: any) => t.seq)).toEqual([...tl.json.map((t: any) => t.seq)].sort((a: number, b: number) => a - b));
  });

  test("GET /api/deadlines?within=<n>d: the caller's upcoming and overdue deadlines", async () => {
    const r = await h.http('GET', '/api/deadlines?within=120d');
    expect(r.status).toBe(200);
    const ids = r.json.map((d: any) => d.id);
    expect(ids).toEqual(expect.arrayContaining([`${CASE}:comar_decision`, `${CASE}:weekly_signature.1`]));
    expect(ids).not.toContain(`${CASE}:asylum_filing_window`); // met
    expect(r.json[0].childName).toBe('Mariana López');
    const dues = r.json.map((d: any) => d.dueInstant);
    expect(dues).toEqual([...dues].sort());
    const short = await h.http('GET', '/api/deadlines?within=8d');
    expect(short.json.map((d: any) => d.id)).not.toContain(`${CASE}:comar_decision`);
    expect((await h.http('GET', '/api/deadlines?within=soon')).json.error.field).toBe('within');
    expect((await h.http('GET', '/api/deadlines?within=5d&mine=1')).status).toBe(400);
    expect((await h.http('GET', '/api/deadlines?within=120d', { as: 'luis' })).json.map((d: any) => d.caseId)).not.toContain(CASE);
  });

  test('escalations (supervisor, not caseworker) and acknowledgements', async () => {
    const short = await h.http('POST', `/api/cases/${CASE}/escalations`, { as: 'beto', body: { reason: 'x' } });
    expect(short.status).toBe(400);
    expect(short.json.error.field).toBe('reason');
    const byCaseworker = await h.http('POST', `/api/cases/${CASE}/escalations`, { as: 'ana', body: { reason: 'please look' } });
    expect(byCaseworker.status).toBe(403);
    const unknownDeadline = await h.http('POST', `/api/cases/${CASE}/escalations`, { as: 'beto', body: { reason: 'COMAR no contesta', deadlineId: 'nope' } });
    expect(unknownDeadline.status).toBe(422);
    expect(unknownDeadline.json.error.field).toBe('deadlineId');
    const esc = await h.http('POST', `/api/cases/${CASE}/escalations`, { as: 'beto', body: { reason: 'COMAR no contesta', deadlineId: 'comar_decision' } });
    expect(esc.status).toBe(201);
    const tl = await h.http('GET', `/api/cases/${CASE}/timeline`);
    expect(tl.json.find((t: any) => t.type === 'escalated')).toMatchObject({ by: STAFF.beto.id, deadlineId: 'comar_decision' });

    // Nothing of the COMAR term has reached Carla yet: there is nothing for her to answer, named or not
    // (what an acknowledgement stops, and for whom: test/humanError.e2e.test.ts, workflows/acknowledgements.test.ts).
    const early = await h.http('POST', `/api/deadlines/${CASE}:comar_decision/acknowledge`, { as: 'carla' });
    expect(early.status).toBe(422);
    expect(early.json.error).toMatchObject({ code: 'invalid_event', field: 'series' });
    const named = await h.http('POST', `/api/deadlines/${CASE}:comar_decision/acknowledge`, { as: 'carla', body: { series: 'reminder' } });
    expect(named.status).toBe(422);
    expect(named.json.error).toMatchObject({ code: 'invalid_event', field: 'series' });
    expect(deadline((await h.http('GET', `/api/cases/${CASE}`)).json, 'comar_decision').acknowledgements).toEqual([]);
    expect((await h.http('POST', `/api/deadlines/${CASE}:nope/acknowledge`)).status).toBe(404);
    expect((await h.http('POST', '/api/deadlines/garbage/acknowledge')).status).toBe(404);
    const badSeries = await h.http('POST', `/api/deadlines/${CASE}:comar_decision/acknowledge`, { body: { series: 'everything' } });
    expect(badSeries.status).toBe(400);
    expect(badSeries.json.error.field).toBe('series');
  });
});

describe('overlays and the calendar feed', () => {
  let feedUrl: string;
  const feed = async () => {
    const path = new URL(feedUrl).pathname;
    const r = await h.http('GET', path, { as: null });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/calendar');
    return r.text;
  };
  /** The VEVENT of one UID, unfolded. */
  const vevent = (ics: string, uid: string) => {
    const events = ics.replace(/\r\n[ \t]/g, '').split('BEGIN:VEVENT').slice(1);
    const e = events.find((x) => x.includes(`UID:${uid}\r\n`));
    if (!e) throw new Error(`no event ${uid} in feed`);
    return e;
  };

  test('a personal feed with stable UIDs, SEQUENCE, and a met deadline kept as met', async () => {
    const link = await h.http('POST', '/api/me/calendar-link', { as: 'ana' });
    expect(link.status).toBe(201);
    feedUrl = link.json.url;
    expect(feedUrl).toMatch(/^http:\/\/plazo\.test\/calendar\/plzcal_[\w-]+\.ics$/);
    const ics = await feed();
    expect(ics).toContain('BEGIN:VCALENDAR');
    const decision = vevent(ics, `${CASE}/comar_decision@plazo`);
    expect(decision).toMatch(/SEQUENCE:\d+/);
    expect(decision).toContain('STATUS:CONFIRMED');
    expect(decision).not.toContain('Mariana'); // no child's name in a third-party calendar
    // Met deadlines stay in the feed, marked as met.
    expect(vevent(ics, `${CASE}/asylum_filing_window@plazo`)).toContain('STATUS:CONFIRMED');
    expect(vevent(ics, `${CASE}/asylum_filing_window@plazo`)).toContain('X-PLAZO-STATUS:met');
    expect((await h.http('GET', '/calendar/plzcal_unknown-token-xxxxxxxxxxxx.ics', { as: null })).status).toBe(404);
  });

  test('an admin adds a DOF closure: the case recomputes, the deadline moves, the feed SEQUENCE grows', async () => {
    const before = deadline((await h.http('GET', `/api/cases/${CASE}`)).json, 'comar_decision');
    const seqBefore = Number(/SEQUENCE:(\d+)/.exec(vevent(await feed(), `${CASE}/comar_decision@plazo`))![1]);
    expect(seqBefore).toBe(before.sequence);

    const closure = {
      id: 'comar-test-closure',
      kind: 'closure',
      start: before.trigger,
      end: before.due,
      scope: { agency: 'COMAR' },
      citation: { dof: daysAgo(0), title: 'Acuerdo de prueba: COMAR cierra sus oficinas' },
    };
    expect((await h.http('POST', '/api/overlays', { as: 'ana', body: closure })).status).toBe(403);
    const backwards = await h.http('POST', '/api/overlays', { as: 'eva', body: { ...closure, end: '2000-01-01' } });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.field).toBe('end');
    const extra = await h.http('POST', '/api/overlays', { as: 'eva', body: { ...closure, scope: { agency: 'COMAR', planet: 'Mars' } } });
    expect(extra.json.error.field).toBe('scope.planet');
    expect(await h.pg.db.selectFrom('overlays').select('id').execute()).toEqual([]);

    const added = await h.http('POST', '/api/overlays', { as: 'eva', body: closure });
    expect(added.status).toBe(201);
    expect(added.json.casesNotified).toContain(CASE);
    expect((await h.http('POST', '/api/overlays', { as: 'eva', body: closure })).status).toBe(409);

    const moved = await eventually(async () => {
      const d = deadline((await h.http('GET', `/api/cases/${CASE}`)).json, 'comar_decision');
      expect(d.due > before.due).toBe(true);
      return d;
    });
    expect(moved.overlaysApplied.map((o: any) => o.id)).toContain('comar-test-closure');
    expect(moved.sequence).toBeGreaterThan(before.sequence);
    const tl = await h.http('GET', `/api/cases/${CASE}/timeline`);
    expect(tl.json.find((t: any) => t.type === 'deadline_moved' && t.deadlineId === 'comar_decision').summary).toContain('Acuerdo de prueba');

    const event = vevent(await feed(), `${CASE}/comar_decision@plazo`);
    expect(event).toContain(`SEQUENCE:${moved.sequence}`);
    expect(event).toContain(`DTSTART;VALUE=DATE:${moved.due.replace(/-/g, '')}`);

    const list = await h.http('GET', '/api/overlays', { as: 'ana' });
    expect(list.json.find((o: any) => o.overlay.id === 'comar-test-closure')).toMatchObject({ source: 'added', createdBy: STAFF.eva.id });
    expect(list.json.some((o: any) => o.source === 'seed')).toBe(true);
  });
});

test('every API call is in the append-only audit log: who, what, which case, from where', async () => {
  const rows = await h.pg.db.selectFrom('audit_log').selectAll().where('case_id', '=', CASE).orderBy('id').execute();
  expect(rows.find((r) => r.action === 'case.open')).toMatchObject({ user_id: STAFF.eva.id, method: 'POST', path: '/api/cases', status: 201, ip: '127.0.0.1' });
  expect(rows.find((r) => r.action === 'case.read' && r.user_id === STAFF.luis.id)).toMatchObject({ status: 404 });
  expect(rows.find((r) => r.action === 'case.event' && r.status === 422)).toBeTruthy();
  const feedRow = await h.pg.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.feed').executeTakeFirstOrThrow();
  expect(feedRow.path).toBe('/calendar/:file'); // never the token
  await expect(sql`update audit_log set status = 200`.execute(h.pg.db)).rejects.toThrow(/append-only/);
  await expect(sql`delete from audit_log`.execute(h.pg.db)).rejects.toThrow(/append-only/);
});
