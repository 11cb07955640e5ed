/**
 * Issue 28: an Update answers a receipt (the case and the event counter it reached), not the whole case.
 * The answer goes into the case's history with every Update: the whole case was half of a detained
 * child's history, fetched, decrypted and stored again at every wake-up. The caller reads the read model
 * (app/cases/caseWrite.ts) or asks the workflow when the projection is late. Time-skipping server.
 */
import pino from 'pino';
import type { AppDeps } from '../app/appDeps';
import type { AuthUser } from '../app/auth';
import { caseViewAnswer } from '../app/cases/caseAnswers';
import { projected, updateCase } from '../app/cases/caseWrite';
import { createCaseHarness, mx, PEOPLE, recordHistory, type CaseHarness } from '../test/caseHarness';
import { acknowledgeUpdate, recordEventUpdate, stateQuery } from './caseDefinitions';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('update-receipt');
});
afterAll(() => h?.teardown());

test('each Update answers {caseId, seq}; a repeated Update id answers the same receipt and changes nothing; history holds no copy of the case', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-05-06', '10:00'));
    const handle = await h.startCase({ caseId: 'rcpt-1' });
    const detention = { type: 'detention_started', occurredAt: mx('2030-05-06', '09:30'), recordedBy: PEOPLE.caseworker.id, place: 'Estación migratoria Siglo XXI' };
    const first = await handle.executeUpdate(recordEventUpdate, { args: [detention as never], updateId: 'rcpt-1-detention' });
    const state = await handle.query(stateQuery);
    // The receipt: the case and the counter the Update reached (the alarm it fired at once may be noted since).
    expect(Object.keys(first).sort()).toEqual(['caseId', 'seq']);
    expect(first.caseId).toBe('rcpt-1');
    const recorded = state.timeline.filter((t) => t.type === 'detention_started');
    expect(recorded).toHaveLength(1);
    expect(first.seq).toBeGreaterThanOrEqual(recorded[0]!.seq);
    expect(first.seq).toBeLessThanOrEqual(state.seq);

    // The same Update id again (a caseworker's retry on a phone): Temporal answers the first receipt, nothing runs twice.
    const again = await handle.executeUpdate(recordEventUpdate, { args: [detention as never], updateId: 'rcpt-1-detention' });
    expect(again).toEqual(first);
    expect((await handle.query(stateQuery)).timeline.filter((t) => t.type === 'detention_started')).toHaveLength(1);

    // Another Update (an acknowledgement) answers the counter it reached, past the first.
    const deadline = state.deadlines.find((d) => d.ruleId === 'child_detention_notice')!;
    const ack = await handle.executeUpdate(acknowledgeUpdate, { args: [{ deadlineId: deadline.deadlineId, series: 'alarm', by: PEOPLE.caseworker.id, byRole: 'caseworker' }] });
    const afterAck = await handle.query(stateQuery);
    expect(ack).toEqual({ caseId: 'rcpt-1', seq: afterAck.timeline.find((t) => t.type === 'acknowledged')!.seq });
    expect(ack.seq).toBeGreaterThan(first.seq);
    expect(afterAck.deadlines.find((d) => d.deadlineId === deadline.deadlineId)!.acks.map((a) => a.by)).toEqual([PEOPLE.caseworker.id]);

    // What history keeps of each answer: a few dozen bytes (sealed), where the case is kilobytes.
    const events = (await handle.fetchHistory()).events ?? [];
    const answers = events.map((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads?.[0]?.data?.length).filter((n): n is number => n !== undefined);
    expect(answers).toHaveLength(2);
    const caseBytes = Buffer.byteLength(JSON.stringify(afterAck));
    expect(caseBytes).toBeGreaterThan(5_000);
    for (const n of answers) expect(n).toBeLessThan(200);
    await recordHistory(handle, 'update-answers-receipt');
  });
});

test("the app's write waits for the read model at the receipt's seq; with the projection late it answers the case from the workflow", async () => {
  const deps: AppDeps = { db: h.pg.db, temporal: h.env.client, taskQueue: h.taskQueue, links: { publicUrl: 'http://plazo.test', temporalUiUrl: 'http://temporal.test', namespace: 'default' }, logger: pino({ level: 'silent' }), projectionTimeoutMs: 10_000 };
  const ana: AuthUser = { ...PEOPLE.caseworker, role: 'caseworker', language: 'es' };
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-05-13', '10:00'));
    const handle = await h.startCase({ caseId: 'rcpt-2' });
    expect(await projected(deps, 'rcpt-2', 1)).toBe(true);
    const detention = { type: 'detention_started', occurredAt: mx('2030-05-13', '09:30'), recordedBy: ana.id, place: 'Estación migratoria Siglo XXI' } as const;
    const written = await updateCase(deps, ana, 'rcpt-2', recordEventUpdate, [detention as never], 'rcpt-2-key');
    expect(written.projected).toBe(true);
    const row = await h.pg.db.selectFrom('cases').select('version').where('id', '=', 'rcpt-2').executeTakeFirstOrThrow();
    expect(row.version).toBeGreaterThanOrEqual(written.seq);
    // Asked of the workflow only when needed: the case at the receipt's seq, with the detention.
    const state = await written.state();
    expect(state.seq).toBeGreaterThanOrEqual(written.seq);
    expect(state.facts.eventDates['detention_started']).toBeDefined();
    // The projection late (forced here): the case view is built from the workflow's state, in the same shape.
    const fromWorkflow = await caseViewAnswer(deps, ana, 'es').of({ ...written, projected: false });
    const fromReadModel = await caseViewAnswer(deps, ana, 'es').of(written);
    expect(fromWorkflow.detained).toBe(true);
    expect(fromWorkflow.deadlines.map((d) => d.deadlineId).sort()).toEqual(fromReadModel.deadlines.map((d) => d.deadlineId).sort());
    expect(fromWorkflow.deadlines.map((d) => d.deadlineId)).toContain('child_detention_notice');
    // The receipt's seq is the Update's last entry; only the deliveries it fired are noted after it.
    const after = (await handle.query(stateQuery)).timeline.filter((t) => t.seq > written.seq);
    expect(after.every((t) => t.type === 'notification_sent')).toBe(true);
    expect((await handle.query(stateQuery)).timeline.find((t) => t.seq === written.seq)).toBeDefined();
  });
});
