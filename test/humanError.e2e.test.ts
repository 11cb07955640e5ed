/**
 * Cases survive human error (issue 13), over real HTTP against the Temporal dev server, a worker,
 * Postgres and SMTP: an intake or an event the calendars cannot count from is refused with the field
 * and leaves nothing behind.
 */
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { RULE_PACK } from '../domain';
import type { CaseIntake } from '../domain/case/events';
import { caseWorkflowId, recordEventUpdate, stateQuery } from '../workflows/caseDefinitions';
import type { caseWorkflow } from '../workflows/caseWorkflow';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';

let h: ApiHarness;
const TASK_QUEUE = 'human-error';

beforeAll(async () => {
  h = await startApiHarness(TASK_QUEUE);
}, 180_000);

afterAll(async () => {
  await h?.teardown();
});

const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
const intake = (caseId: string, over: Record<string, unknown> = {}) => ({
  caseId,
  child: { name: 'Mariana López', birthDate: '2011-04-02' },
  entryDate: daysAgo(12),
  office: 'CDMX',
  assignments,
  ...over,
});
const deadline = (view: any, id: string) => view.deadlines.find((d: any) => d.deadlineId === id);
const workflowOf = (caseId: string) => h.env.client.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseId));
const startedAtAll = (caseId: string) =>
  workflowOf(caseId)
    .describe()
    .then(
      () => true,
      (err) => (err instanceof WorkflowNotFoundError ? false : Promise.reject(err)),
    );

describe('opening a case is all or nothing', () => {
  test('a typo in the entry date (0026-11-20) is a 4xx naming entryDate; nothing is started, and the corrected intake opens the case under the same id', async () => {
    const typo = await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-1', { entryDate: '0026-11-20' }) });
    // Refused by the schema's covered range (domain/coverage.ts) before anything else is looked at.
    expect(typo.status).toBe(400);
    expect(typo.json.error.field).toBe('entryDate');
    expect(typo.json.error.message).toMatch(/0026-11-20 is outside the dates Plazo's calendars cover/);
    expect(await startedAtAll('HE-1')).toBe(false);
    expect((await h.http('GET', '/api/cases/HE-1')).status).toBe(404);

    const oldBirth = await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-1', { child: { name: 'M. L.', birthDate: '0026-11-20' } }) });
    expect(oldBirth.status).toBe(400);
    expect(oldBirth.json.error.field).toBe('child.birthDate');
    expect(await startedAtAll('HE-1')).toBe(false);

    // Answered only once the case is open: the read-model row is in the answer, never `case: null`.
    // The year typed right (or, run before that day, any past date: it must not be in the future).
    const corrected = '2026-11-20' <= daysAgo(0) ? '2026-11-20' : daysAgo(9);
    const fixed = await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-1', { entryDate: corrected }) });
    expect(fixed.status).toBe(201);
    expect(fixed.json.case).toMatchObject({ id: 'HE-1', phase: 'intake' });
    expect(fixed.json.case.version).toBeGreaterThanOrEqual(1);
    expect(deadline(fixed.json.case, 'asylum_filing_window')).toMatchObject({ status: 'open' });
  });

  test('an opening the workflow itself refuses (started around the API) leaves the id free for the corrected intake', async () => {
    const bad: CaseIntake = {
      caseId: 'HE-2',
      child: { name: 'Kevin' },
      entryDate: '0026-11-20',
      assignments,
      openedAt: new Date().toISOString(),
      recordedBy: STAFF.ana.id,
    };
    const started = await h.env.client.workflow.start<typeof caseWorkflow>('caseWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId('HE-2'),
      args: [{ intake: bad, rulePack: RULE_PACK.version }],
    });
    const failure = await started.result().then(
      () => null,
      (err: Error) => err,
    );
    expect((failure?.cause as Error | undefined)?.message).toMatch(/^entryDate: 0026-11-20 is outside the dates Plazo's calendars cover/);

    const opened = await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-2') });
    expect(opened.status).toBe(201);
    expect(opened.json.case.id).toBe('HE-2');
    // Once opened, the id is taken for good.
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-2') })).status).toBe(409);
  });
});

describe('compute, then apply', () => {
  test('an asylum claim whose deadlines cannot be counted is refused and changes nothing; the right event is then accepted', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-3') })).status).toBe(201);
    const before = await workflowOf('HE-3').query(stateQuery);

    const typo = await h.http('POST', '/api/cases/HE-3/events', { body: { type: 'asylum_claim_filed', occurredAt: '0026-11-20' } });
    expect(typo.status).toBe(400);
    expect(typo.json.error.field).toBe('occurredAt');
    expect(typo.json.error.message).toMatch(/0026-11-20 is outside the dates Plazo's calendars cover/);
    // The case is exactly as it was: no phase, no event date, no timeline entry, no deadline.
    expect(await workflowOf('HE-3').query(stateQuery)).toEqual(before);
    expect((await h.http('GET', '/api/cases/HE-3')).json).toMatchObject({ phase: 'intake', version: before.seq });

    // The same refusal straight through Temporal (no API in between): the Update fails, the state stays.
    await expect(
      workflowOf('HE-3').executeUpdate(recordEventUpdate, { args: [{ type: 'asylum_claim_filed', occurredAt: '0026-11-20', recordedBy: STAFF.ana.id, byRepresentative: false }] }),
    ).rejects.toThrow();
    expect(await workflowOf('HE-3').query(stateQuery)).toEqual(before);

    const filed = await h.http('POST', '/api/cases/HE-3/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(3) } });
    expect(filed.status).toBe(200);
    expect(filed.json.phase).toBe('asylum');
    expect(deadline(filed.json, 'asylum_filing_window').status).toBe('met');
    expect(deadline(filed.json, 'comar_decision')).toMatchObject({ status: 'open', trigger: daysAgo(3) });
    expect(deadline(filed.json, 'weekly_signature#1')).toMatchObject({ status: 'open' });
  });
});

describe('acknowledgement that cannot silence escalation', () => {
  test("pressing \"I'm on it\" answers the series last sent to you, once however often it is pressed; who and when show in the API, the case page and the inbox; the supervisor withdraws it", async () => {
    // Detained as the case is being entered: the first alarm goes at once to caseworker, supervisor and lawyer.
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-4') })).status).toBe(201);
    const detained = await h.http('POST', '/api/cases/HE-4/events', { body: { type: 'detention_started', occurredAt: new Date().toISOString(), place: 'EM Tapachula' } });
    expect(detained.status).toBe(200);
    const id = encodeURIComponent('HE-4:child_detention_notice');
    const acksOf = async () => deadline((await h.http('GET', '/api/cases/HE-4', { as: 'beto' })).json, 'child_detention_notice').acknowledgements;

    // The caseworker cannot acknowledge the overdue alarms (supervisor, lawyer, director) nor a series the ladder has not.
    for (const series of ['overdue', 'director']) {
      const r = await h.http('POST', `/api/deadlines/${id}/acknowledge`, { as: 'ana', body: { series } });
      expect(r.status).toBe(422);
      expect(r.json.error.field).toBe('series');
    }
    // The supervisor presses once, then 20 times at once: one acknowledgement of the alarm series, for him.
    const first = await h.http('POST', `/api/deadlines/${id}/acknowledge`, { as: 'beto' });
    expect(first.status).toBe(200);
    const again = await Promise.all(Array.from({ length: 20 }, () => h.http('POST', `/api/deadlines/${id}/acknowledge`, { as: 'beto' })));
    expect(again.map((r) => r.status)).toEqual(Array(20).fill(200));
    const acks = await acksOf();
    expect(acks).toEqual([{ series: 'alarm', by: STAFF.beto.id, for: STAFF.beto.id, at: expect.any(String), withdrawn: null }]);
    expect(Math.abs(Date.parse(acks[0].at) - Date.now())).toBeLessThan(120_000);

    const cookie = (who: 'beto' | 'ana') => ({ cookie: `plazo_session=${h.tokens[who]}` });
    const casePage = await h.http('GET', '/cases/HE-4', { as: null, headers: cookie('beto') });
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain(`data-ack="alarm:${STAFF.beto.id}"`);
    const inbox = await h.http('GET', '/inbox', { as: null, headers: cookie('beto') });
    expect(inbox.text).toContain(`data-ack="alarm:${STAFF.beto.id}"`);

    // Only a supervisor or a director withdraws; the caseworker may not.
    const body = { series: 'alarm', for: STAFF.beto.id, reason: 'sigue detenido' };
    expect((await h.http('POST', `/api/deadlines/${id}/acknowledgements/withdraw`, { as: 'ana', body })).status).toBe(403);
    const withdrawn = await h.http('POST', `/api/deadlines/${id}/acknowledgements/withdraw`, { as: 'dora', body });
    expect(withdrawn.status).toBe(200);
    expect((await acksOf())[0].withdrawn).toMatchObject({ by: STAFF.dora.id, reason: 'sigue detenido' });
    const twice = await h.http('POST', `/api/deadlines/${id}/acknowledgements/withdraw`, { as: 'dora', body });
    expect(twice.status).toBe(422);
    expect(twice.json.error.field).toBe('for');
  });
});

describe('idempotent writes', () => {
  const timelineOf = async (caseId: string, type: string) => (await h.http('GET', `/api/cases/${caseId}/timeline`)).json.filter((t: any) => t.type === type);

  test('the same event posted 20 times at once with one Idempotency-Key is recorded once, and every copy gets the first answer', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-5') })).status).toBe(201);
    const event = { type: 'placement_changed', occurredAt: daysAgo(1), kind: 'dif_shelter', placement: 'DIF Tapachula' };
    const headers = { 'idempotency-key': 'place-HE-5-1' };
    const copies = await Promise.all(Array.from({ length: 20 }, () => h.http('POST', '/api/cases/HE-5/events', { body: event, headers })));
    expect(copies.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(new Set(copies.map((r) => r.json.version)).size).toBe(1);
    expect(await timelineOf('HE-5', 'placement_changed')).toHaveLength(1);
    // Later, the same retry: still the first answer, still one entry.
    const late = await h.http('POST', '/api/cases/HE-5/events', { body: event, headers });
    expect(late.json.version).toBe(copies[0]!.json.version);
    expect(await timelineOf('HE-5', 'placement_changed')).toHaveLength(1);

    // The key is what makes it one: a second placement without a key is a second event.
    expect((await h.http('POST', '/api/cases/HE-5/events', { body: event })).status).toBe(200);
    expect(await timelineOf('HE-5', 'placement_changed')).toHaveLength(2);
    // The same key for another request is refused, naming the header.
    const reused = await h.http('POST', '/api/cases/HE-5/events', { body: { ...event, placement: 'Otro albergue' }, headers });
    expect(reused.status).toBe(422);
    expect(reused.json.error.field).toBe('Idempotency-Key');
    // A refusal is an answer too: the retry of a refused event is refused the same way, once.
    const refusedHeaders = { 'idempotency-key': 'not-detained-HE-5' };
    const notDetained = { type: 'detention_ended', occurredAt: new Date().toISOString() };
    const refused = await h.http('POST', '/api/cases/HE-5/events', { body: notDetained, headers: refusedHeaders });
    const refusedAgain = await h.http('POST', '/api/cases/HE-5/events', { body: notDetained, headers: refusedHeaders });
    expect([refused.status, refusedAgain.status]).toEqual([422, 422]);
    expect(refusedAgain.json).toEqual(refused.json);
  });

  test('a retried escalation sends once; a web form carries its own key, so a double submit records once', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-6') })).status).toBe(201);
    const headers = { 'idempotency-key': 'esc-HE-6' };
    const body = { reason: 'COMAR no contesta' };
    const escalations = await Promise.all(Array.from({ length: 5 }, () => h.http('POST', '/api/cases/HE-6/escalations', { as: 'beto', body, headers })));
    expect(escalations.map((r) => r.status)).toEqual(Array(5).fill(201));
    expect(await timelineOf('HE-6', 'escalated')).toHaveLength(1);

    const cookie = { cookie: `plazo_session=${h.tokens.ana}` };
    const page = await h.http('GET', '/cases/HE-6', { as: null, headers: cookie });
    const key = /<form id="event-form"[^>]*><input type="hidden" name="idempotencyKey" value="([^"]+)">/.exec(page.text)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const form = new URLSearchParams({ idempotencyKey: key!, type: 'placement_changed', date: daysAgo(1), kind: 'ngo_shelter', placement: 'albergue OSC' }).toString();
    const submit = () => h.http('POST', '/cases/HE-6/events', { as: null, raw: form, headers: { ...cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    const [first, second] = [await submit(), await submit()];
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(await timelineOf('HE-6', 'placement_changed')).toHaveLength(1);
  });
});

describe('only Plazo writes to a case', () => {
  test('an Update from a Temporal client without the key is refused and changes nothing; a workflow it starts fails at once, naming why', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-7') })).status).toBe(201);
    const before = await workflowOf('HE-7').query(stateQuery);
    // The Temporal CLI or SDK without PLAZO_CODEC_KEYS: plain JSON payloads, a director's name as recordedBy.
    const plain = new Client({ connection: h.env.connection, namespace: h.env.namespace ?? 'default' });
    const forged = plain.workflow
      .getHandle(caseWorkflowId('HE-7'))
      .executeUpdate('recordEvent', { args: [{ type: 'case_closed', occurredAt: daysAgo(0), recordedBy: STAFF.dora.id, reason: 'other' }] });
    // Refused by the worker; even the reason reaches this client encrypted, so it cannot read it.
    await expect(forged).rejects.toThrow(/Unknown encoding: binary\/encrypted/);
    expect(await workflowOf('HE-7').query(stateQuery)).toEqual(before);
    expect((await h.http('GET', '/api/cases/HE-7')).json).toMatchObject({ phase: 'intake', closedAt: null });
    // Nor can it read: what the worker answers is encrypted.
    await expect(plain.workflow.getHandle(caseWorkflowId('HE-7')).query('state')).rejects.toThrow();

    const started = await plain.workflow.start('caseWorkflow', {
      taskQueue: TASK_QUEUE,
      workflowId: caseWorkflowId('HE-8'),
      args: [{ intake: { caseId: 'HE-8', child: { name: 'X' }, assignments, openedAt: daysAgo(0), recordedBy: STAFF.dora.id }, rulePack: RULE_PACK.version }],
    });
    const failure = await workflowOf('HE-8').result().then(
      () => null,
      (err: Error) => err.cause as Error,
    );
    expect(started.workflowId).toBe(caseWorkflowId('HE-8'));
    expect(failure?.message).toBe('payload: not encrypted with a Plazo key; only Plazo writes to a case');
    // The refused start spent nothing: Plazo opens the case under that id.
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-8') })).status).toBe(201);
  });
});

describe('corrections', () => {
  test('an asylum claim recorded with the wrong date is corrected: COMAR term and signatures recounted, the timeline keeps both, audited; an event voided cancels what it opened', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-9') })).status).toBe(201);
    // Typed two days ago instead of nine: seven calendar days hold at least three business days, so the
    // 45-business-day COMAR term must end earlier once corrected.
    const filed = await h.http('POST', '/api/cases/HE-9/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(2) } });
    expect(filed.status).toBe(200);
    const wrong = deadline(filed.json, 'comar_decision');
    const seq = (await h.http('GET', '/api/cases/HE-9/timeline')).json.find((t: any) => t.type === 'asylum_claim_filed').seq;

    // Only the roles that may record it: a director may not; another caseworker does not see the case.
    const body = { reason: 'fecha mal capturada: se presentó el lunes anterior', event: { type: 'asylum_claim_filed', occurredAt: daysAgo(9) } };
    expect((await h.http('POST', `/api/cases/HE-9/events/${seq}/correct`, { as: 'dora', body })).status).toBe(403);
    expect((await h.http('POST', `/api/cases/HE-9/events/${seq}/correct`, { as: 'luis', body })).status).toBe(404);
    const otherType = await h.http('POST', `/api/cases/HE-9/events/${seq}/correct`, { body: { ...body, event: { type: 'bid_issued', occurredAt: daysAgo(9) } } });
    expect(otherType.status).toBe(422);
    expect(otherType.json.error.field).toBe('event.type');

    const fixed = await h.http('POST', `/api/cases/HE-9/events/${seq}/correct`, { body });
    expect(fixed.status).toBe(200);
    const right = deadline(fixed.json, 'comar_decision');
    expect(right).toMatchObject({ status: 'open', trigger: daysAgo(9) });
    expect(right.due < wrong.due).toBe(true);
    expect(deadline(fixed.json, 'weekly_signature#1').trigger).toBe(daysAgo(9));
    expect(deadline(fixed.json, 'asylum_filing_window').status).toBe('met');

    const timeline = (await h.http('GET', '/api/cases/HE-9/timeline')).json;
    expect(timeline.filter((t: any) => t.type === 'asylum_claim_filed').map((t: any) => t.at)).toEqual([daysAgo(2)]);
    const correction = timeline.find((t: any) => t.type === 'event_corrected');
    expect(correction).toMatchObject({ by: STAFF.ana.id });
    expect(correction.summary).toContain('fecha mal capturada');
    const moved = timeline.find((t: any) => t.type === 'deadline_moved' && t.deadlineId === 'comar_decision');
    expect(moved.summary).toMatch(new RegExp(`due ${wrong.due}.* → ${right.due}.*after the correction`));
    const audit = await h.pg.db.selectFrom('audit_log').select(['action', 'status', 'user_id']).where('case_id', '=', 'HE-9').where('action', '=', 'case.event_correct').execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'case.event_correct', status: 200, user_id: STAFF.ana.id }]));

    // Void: no migration procedure was ever filed; the term it opened is cancelled.
    const asked = await h.http('POST', '/api/cases/HE-9/events', { body: { type: 'migration_procedure_filed', occurredAt: daysAgo(1) } });
    expect(deadline(asked.json, 'migration_procedure_answer').status).toBe('open');
    const sreSeq = (await h.http('GET', '/api/cases/HE-9/timeline')).json.find((t: any) => t.type === 'migration_procedure_filed').seq;
    const voided = await h.http('POST', `/api/cases/HE-9/events/${sreSeq}/void`, { body: { reason: 'registrado en el caso equivocado' } });
    expect(voided.status).toBe(200);
    expect(deadline(voided.json, 'migration_procedure_answer').status).toBe('cancelled');
    expect(deadline(voided.json, 'comar_decision')).toMatchObject({ due: right.due, status: 'open' });
    // Voided once: it is no longer an event in force.
    const again = await h.http('POST', `/api/cases/HE-9/events/${sreSeq}/void`, { body: { reason: 'otra vez' } });
    expect(again.status).toBe(422);
    expect(again.json.error.field).toBe('eventSeq');
  });
});

describe('corrections on the case page', () => {
  test('the timeline offers to correct the date or void each event; a correction through the form recounts the case', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-11') })).status).toBe(201);
    await h.http('POST', '/api/cases/HE-11/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(2) } });
    const seq = (await h.http('GET', '/api/cases/HE-11/timeline')).json.find((t: any) => t.type === 'asylum_claim_filed').seq;
    const cookie = { cookie: `plazo_session=${h.tokens.ana}` };
    const page = await h.http('GET', '/cases/HE-11', { as: null, headers: cookie });
    expect(page.text).toContain(`action="/cases/HE-11/events/${seq}/correct"`);
    expect(page.text).toContain(`action="/cases/HE-11/events/${seq}/void"`);
    const form = new URLSearchParams({ date: daysAgo(9), reason: 'se presentó antes' }).toString();
    const posted = await h.http('POST', `/cases/HE-11/events/${seq}/correct`, { as: null, raw: form, headers: { ...cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(posted.status).toBe(303);
    expect(deadline((await h.http('GET', '/api/cases/HE-11')).json, 'comar_decision').trigger).toBe(daysAgo(9));
    // The director reads the case but may not correct it: no forms for her.
    const directorPage = await h.http('GET', '/cases/HE-11', { as: null, headers: { cookie: `plazo_session=${h.tokens.dora}` } });
    expect(directorPage.text).not.toContain('/correct"');
  });
});

describe('overlay corrections', () => {
  test('a DOF closure entered wrong is corrected, then withdrawn: the case is recounted each time and ends where it began', async () => {
    expect((await h.http('POST', '/api/cases', { as: 'eva', body: intake('HE-10') })).status).toBe(201);
    const filed = await h.http('POST', '/api/cases/HE-10/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(3) } });
    const start = deadline(filed.json, 'comar_decision');
    const dueNow = async () => deadline((await h.http('GET', '/api/cases/HE-10')).json, 'comar_decision').due as string;
    // The whole counting period closed: the term can only end later.
    const closure = { id: 'he-10-closure', kind: 'closure', start: start.trigger, end: start.due, scope: { agency: 'COMAR' }, citation: { dof: daysAgo(0), title: 'Acuerdo de prueba' } };
    expect((await h.http('POST', '/api/overlays', { as: 'eva', body: closure })).status).toBe(201);
    const closed = await eventually(async () => {
      const due = await dueNow();
      expect(due > start.due).toBe(true);
      return due;
    });

    // Entered wrong: only the first day was closed. Corrected (by an admin only, with a reason).
    const corrected = { ...closure, end: start.trigger };
    expect((await h.http('POST', '/api/overlays/he-10-closure/correct', { as: 'ana', body: { reason: 'solo un día', overlay: corrected } })).status).toBe(403);
    const fixed = await h.http('POST', '/api/overlays/he-10-closure/correct', { as: 'eva', body: { reason: 'el DOF cerró solo un día', overlay: corrected } });
    expect(fixed.status).toBe(200);
    expect(fixed.json.casesNotified).toContain('HE-10');
    await eventually(async () => expect((await dueNow()) < closed).toBe(true));

    const withdrawn = await h.http('POST', '/api/overlays/he-10-closure/withdraw', { as: 'eva', body: { reason: 'el acuerdo fue revocado' } });
    expect(withdrawn.status).toBe(200);
    await eventually(async () => expect(await dueNow()).toBe(start.due));
    const adminPage = await h.http('GET', '/admin/overlays', { as: null, headers: { cookie: `plazo_session=${h.tokens.eva}` } });
    expect(adminPage.text).toMatch(/<tr data-overlay="he-10-closure">[\s\S]*?class="withdrawn"[\s\S]*?el acuerdo fue revocado/);
    const listed = (await h.http('GET', '/api/overlays', { as: 'eva' })).json.find((o: any) => o.overlay.id === 'he-10-closure');
    expect(listed.withdrawn).toMatchObject({ by: STAFF.eva.id, reason: 'el acuerdo fue revocado' });
    const timeline = (await h.http('GET', '/api/cases/HE-10/timeline')).json.filter((t: any) => t.type === 'deadline_moved' && t.deadlineId === 'comar_decision');
    expect(timeline.at(-1).summary).toMatch(/no longer applying \(withdrawn or corrected\)/);
    // Seed overlays ship with the rules; a withdrawn one is not withdrawn twice.
    expect((await h.http('POST', '/api/overlays/he-10-closure/withdraw', { as: 'eva', body: { reason: 'otra vez' } })).status).toBe(422);
  });
});

describe('corrections refuse bad input with the field, never a 500 (found by the OpenAPI fuzzer)', () => {
  test('a timeline number beyond any Postgres integer, and a malformed overlay correction', async () => {
    const huge = await h.http('POST', '/api/cases/HE-9/events/4585471898532979790577664/void', { body: { reason: 'número imposible' } });
    expect(huge.status).toBe(400);
    expect(huge.json.error.field).toBe('seq');
    const badOverlay = await h.http('POST', '/api/overlays/0/correct', { as: 'eva', body: { overlay: {}, reason: '000' } });
    expect(badOverlay.status).toBe(400);
    expect(badOverlay.json.error.field).toMatch(/^overlay\./);
  });
});
