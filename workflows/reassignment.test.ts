/**
 * A change of holder is told by the case's own workflow (no API in this test), as a delivery through the
 * ledger: the new holder and the previous one get one email each, however often the workflow's history is
 * replayed (no workflow cache here) and even when a process from before this change also sends the notice
 * through scheduledNotificationWorkflow under the same key. Time-skipping server, real Postgres and SMTP.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { CaughtMail } from '../dev/mailCatcher';
import type { CaseEvent } from '../domain/case/events';
import { createCaseHarness, mx, PEOPLE, recordHistory, type CaseHarness } from '../test/caseHarness';
import { recordEventUpdate, stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';
import { scheduledNotificationWorkflow } from './scheduledNotification';

let h: CaseHarness;
const luis = { id: 'cw-luis', name: 'Luis', email: 'luis@ong.test', role: 'caseworker', language: 'en' } as const;
beforeAll(async () => {
  h = await createCaseHarness('case-reassign');
  await h.pg.db.insertInto('users').values(luis).execute();
});
afterAll(() => h?.teardown());

const { caseworker: ana, supervisor: beto } = PEOPLE;
const CASE = 'reassign-1';
const keyOf = (m: CaughtMail) => m.headers['x-plazo-idempotency-key'] ?? '';
const notices = () => h.mail.messages.filter((m) => keyOf(m).startsWith(`${CASE}/reassigned/`));
const reassign = (handle: WorkflowHandle<typeof caseWorkflow>, occurredAt: string, userId: string, note: string) =>
  handle.executeUpdate(recordEventUpdate, {
    args: [{ type: 'assignment_changed', occurredAt, recordedBy: beto.id, role: 'caseworker', userId, note } satisfies CaseEvent],
  });
/** Until the case has no activity left to run (its deliveries done, by sending or by finding the ledger row sent). */
async function settled(handle: WorkflowHandle<typeof caseWorkflow>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await handle.describe()).raw.pendingActivities?.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${handle.workflowId} still has activities pending`);
}

test('the case tells the new and the previous caseworker once each, through the ledger; replays and a second road send nothing more', async () => {
  await h.advanceTo(mx('2029-06-04', '10:00'));
  await h.withWorker(async () => {
    const handle = await h.startCase({ caseId: CASE, entryDate: '2029-06-01' });
    const first = await reassign(handle, '2029-06-04', luis.id, 'Ana está de vacaciones');
    expect((await handle.query(stateQuery)).assignments.caseworker).toBe(luis.id);
    const base = `${CASE}/reassigned/${first.seq}`;

    const [toLuis, toAna] = await Promise.all([
      h.mail.waitFor(1, { match: (m) => keyOf(m) === `${base}/to:${luis.id}`, timeoutMs: 30_000 }).then((m) => m[0]!),
      h.mail.waitFor(1, { match: (m) => keyOf(m) === `${base}/from:${ana.id}`, timeoutMs: 30_000 }).then((m) => m[0]!),
    ]);
    // In each person's language, who changed it and why, the live deadlines, and a link; no ladder instant.
    expect(toLuis.to).toEqual([luis.email]);
    expect(toLuis.subject).toContain(`${CASE}: new holder`);
    expect(toLuis.text).toContain('Hello Luis,');
    expect(toLuis.text).toContain(`Beto assigned case ${CASE} to you.`);
    expect(toLuis.text).toContain('Reason: Ana está de vacaciones');
    expect(toLuis.text).toMatch(/^- .*\(LRPCAP art\. 18\): /m); // the filing window the entry opened
    expect(toLuis.text).toContain(`Open the case: http://plazo.test/cases/${CASE}`);
    expect(toLuis.headers['x-plazo-scheduled-for']).toBeUndefined();
    expect(toAna.to).toEqual([ana.email]);
    expect(toAna.subject).toContain(`Caso ${CASE}: cambio de responsable`);
    expect(toAna.text).toContain(`Beto asignó el caso ${CASE} a Luis; usted ya no lo lleva.`);

    // Two weeks pass: every workflow task replays the history (no cache), the ladder runs on; no notice again.
    await h.advanceTo(mx('2029-06-18', '10:00'));
    await settled(handle);
    expect(notices().map(keyOf).sort()).toEqual([`${base}/from:${ana.id}`, `${base}/to:${luis.id}`]);

    // Back to Ana, while an API from before this change also sends the notice to Luis its own way (a
    // scheduledNotificationWorkflow under the same key): the ledger lets one of the two through.
    const second = await reassign(handle, '2029-06-18', ana.id, 'Ana volvió');
    const back = `${CASE}/reassigned/${second.seq}`;
    const oldRoad = await h.env.client.workflow.start(scheduledNotificationWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: `notice-${back}/from:${luis.id}`,
      args: [{ at: new Date(await h.now()).toISOString(), notification: { idempotencyKey: `${back}/from:${luis.id}`, caseId: CASE, step: 'reassigned', recipient: luis.email, language: 'en', subject: `Case ${CASE}: new holder`, body: 'from the old road' } }],
    });
    expect(['sent', 'already_sent']).toContain((await h.resultOf(oldRoad)).outcome);
    await h.mail.waitFor(4, { match: (m) => keyOf(m).startsWith(`${CASE}/reassigned/`), timeoutMs: 30_000 });
    await settled(handle);

    const keys = notices().map(keyOf).sort();
    expect(keys).toEqual([`${base}/from:${ana.id}`, `${base}/to:${luis.id}`, `${back}/from:${luis.id}`, `${back}/to:${ana.id}`]);
    const ledger = await h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status', 'attempts']).where('step', '=', 'reassigned').orderBy('idempotency_key').execute();
    expect(ledger).toEqual(keys.map((k) => ({ idempotency_key: k, status: 'sent', attempts: 1 })));
    // As when the API sent them: the event is on the timeline, the notices are not.
    const state = await handle.query(stateQuery);
    expect(state.timeline.filter((t) => t.type === 'assignment_changed').map((t) => t.seq)).toEqual([first.seq, second.seq]);
    expect(state.timeline.filter((t) => t.type === 'notification_sent' && !t.deadlineId)).toEqual([]);
    await recordHistory(handle, 'reassignment-notice');
  });
}, 300_000);
