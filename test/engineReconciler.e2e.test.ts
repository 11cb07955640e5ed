/**
 * Issue 25's terminate attack on the real Temporal server (test/temporalServerHarness.ts): a case's
 * workflow terminated with the plain CLI, outside Plazo, is noticed by the reconciler: one incident row,
 * one email each to the admin and the case's supervisor however many checks run, the case page and API
 * view say the case is stopped; an admin's reset sets it running and the incident resolves, no new alarm.
 * Then the other kinds an outsider can cause: a reset of a running case, a failed workflow, failing tasks.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { WorkflowHandle } from '@temporalio/client';
import type { CaughtMail } from '../dev/mailCatcher';
import { temporalCliPath } from '../dev/temporalBinaries';
import { cliTlsArgs } from '../dev/temporalTls';
import { loadCaseView } from '../app/cases/loadCaseView';
import { casePage } from '../client/web/casePage';
import { fmtWhen } from '../domain/messages/dateWords';
import { ENGINE_RECONCILER_WORKFLOW_ID, type engineReconcilerWorkflow } from '../workflows/engineReconciler';
import { eventually } from './apiHarness';
import { PEOPLE, startTestCase } from './caseHarness';
import { idempotencyKeyOf, startProductionShape, type ProductionShape } from './temporalServerHarness';

const run = promisify(execFile);
const ADMIN = { id: 'adm-eva', name: 'Eva', email: 'eva@ong.test', role: 'admin', language: 'es' } as const;
const CASE = 'ER-1';
let shape: ProductionShape;
let reconciler: WorkflowHandle<typeof engineReconcilerWorkflow>;
/** While true the mail catcher refuses every connection, as a relay down for maintenance. */
let smtpDown = false;

beforeAll(async () => {
  shape = await startProductionShape({ taskQueue: 'engine-reconciler', mail: { down: () => smtpDown } });
  await shape.pg.db.insertInto('users').values(ADMIN).execute();
  await shape.startWorker();
  reconciler = await shape.client.workflow.start('engineReconcilerWorkflow', { taskQueue: shape.taskQueue, workflowId: ENGINE_RECONCILER_WORKFLOW_ID, args: [{ everyMs: 1000 }] });
}, 600_000);

afterAll(async () => {
  await reconciler?.terminate('test over').catch(() => undefined);
  await shape?.teardown();
});

/** The plain Temporal CLI, as an outsider who reaches the frontend would use it. */
const cli = (...args: string[]) => run(temporalCliPath(), [...args, '--address', shape.server.address, '--namespace', shape.server.namespace, ...cliTlsArgs(shape.server.certs)]);

/** How many checks the reconciler has finished (its activity completions). */
async function checksDone(): Promise<number> {
  const history = await reconciler.fetchHistory();
  return (history.events ?? []).filter((e) => e.activityTaskCompletedEventAttributes).length;
}

async function afterMoreChecks(n: number): Promise<void> {
  const from = await checksDone();
  await eventually(async () => expect(await checksDone()).toBeGreaterThanOrEqual(from + n), 60_000, 500);
}

/** The reconciler's alarms about one case (subject "[Plazo] Caso X: …" / "[Plazo] Case X: …"). */
const alarmsOf = (caseId: string) => (m: CaughtMail) => idempotencyKeyOf(m).startsWith('engine-incident/') && m.subject.includes(` ${caseId}: `);
const incidentsOf = (caseId: string) => shape.pg.db.selectFrom('case_engine_incidents').selectAll().where('case_id', '=', caseId).execute();

// First in the file: the worker's pooled SMTP connections are opened by its first message, and the catcher's
// outage refuses new connections only.
test('an alarm that cannot be emailed is tried again at each check while the checks go on, and arrives once', async () => {
  const handle = await startTestCase(shape.client, shape.taskQueue, { caseId: 'ER-5', openedAt: new Date().toISOString() });
  await eventually(() => shape.pg.db.selectFrom('cases').select('id').where('id', '=', 'ER-5').executeTakeFirstOrThrow(), 60_000);
  smtpDown = true;
  try {
    await cli('workflow', 'terminate', '--workflow-id', handle.workflowId, '--reason', 'outsider');
    await eventually(async () => expect(await incidentsOf('ER-5')).toEqual([expect.objectContaining({ kind: 'terminated', alarmed_at: null })]), 60_000);
    const refusedBefore = shape.mail.refused();
    await afterMoreChecks(2);
    expect(shape.mail.refused()).toBeGreaterThan(refusedBefore);
    expect((await incidentsOf('ER-5'))[0]!.alarmed_at).toBeNull();
  } finally {
    smtpDown = false;
  }
  await shape.mail.waitFor(2, { match: alarmsOf('ER-5'), timeoutMs: 60_000 });
  await afterMoreChecks(2);
  expect(shape.mail.messages.filter(alarmsOf('ER-5')).map((m) => m.to[0]).sort()).toEqual([ADMIN.email, PEOPLE.supervisor.email].sort());
  expect((await incidentsOf('ER-5'))[0]!.alarmed_at).not.toBeNull();
});

test('a case terminated outside Plazo is an alarm to the admin and the supervisor, once, shown on the case; a reset resolves it', async () => {
  const handle = await startTestCase(shape.client, shape.taskQueue, { caseId: CASE, openedAt: new Date().toISOString() });
  await eventually(() => shape.pg.db.selectFrom('cases').select('id').where('id', '=', CASE).executeTakeFirstOrThrow(), 60_000);
  // A running case is no incident.
  await afterMoreChecks(2);
  expect(await incidentsOf(CASE)).toEqual([]);

  await cli('workflow', 'terminate', '--workflow-id', handle.workflowId, '--reason', 'outsider');

  const alarms = await shape.mail.waitFor(2, { match: alarmsOf(CASE), timeoutMs: 60_000 });
  expect(alarms.map((m) => m.to[0]).sort()).toEqual([ADMIN.email, PEOPLE.supervisor.email].sort());
  const toAdmin = alarms.find((m) => m.to[0] === ADMIN.email)!;
  expect(toAdmin.subject).toBe(`[Plazo] Caso ${CASE}: su flujo está detenido`);
  expect(toAdmin.text).toContain('El flujo de este caso está detenido desde');
  expect(toAdmin.text).toContain(`temporal workflow reset -w ${handle.workflowId}`);
  expect(alarms.find((m) => m.to[0] === PEOPLE.supervisor.email)!.text).toContain("Tell the administrator; meanwhile, keep this case's deadlines by hand.");

  // Two more checks: still one incident, still one email per person.
  await afterMoreChecks(2);
  const incidents = await incidentsOf(CASE);
  expect(incidents).toHaveLength(1);
  expect(incidents[0]).toMatchObject({ case_id: CASE, workflow_id: handle.workflowId, kind: 'terminated', resolved_at: null });
  expect(incidents[0]!.alarmed_at).not.toBeNull();
  expect(shape.mail.messages.filter(alarmsOf(CASE))).toHaveLength(2);
  const ledger = await shape.pg.db.selectFrom('notifications').select(['recipient', 'status']).where('step', '=', 'engine_incident').where('case_id', '=', CASE).execute();
  expect(ledger.map((r) => [r.recipient, r.status]).sort()).toEqual([[ADMIN.email, 'sent'], [PEOPLE.supervisor.email, 'sent']].sort());

  // The API view and the case page say so, since the terminate.
  const supervisor = { ...PEOPLE.supervisor, language: 'es' as const };
  const links = { publicUrl: 'http://plazo.test', temporalUiUrl: 'http://temporal.test', namespace: shape.server.namespace };
  const view = await loadCaseView(shape.pg.db, supervisor, CASE, 'es', links);
  expect(view.engineStopped).toMatchObject({ kind: 'terminated', since: incidents[0]!.since.toISOString() });
  const text = String(casePage({ user: supervisor, lang: 'es', view, timeline: [], people: [] }));
  expect(text).toContain(`El flujo de este caso está detenido desde ${fmtWhen(view.engineStopped!.since, 'es')}: los avisos no se enviarán; avisa al administrador.`);

  // The admin sets it running again from its last workflow task: the incident resolves, nobody is alarmed again.
  await cli('workflow', 'reset', '--workflow-id', handle.workflowId, '--type', 'LastWorkflowTask', '--reason', 'admin restores the case');
  const resolved = await eventually(async () => {
    const row = await shape.pg.db.selectFrom('case_engine_incidents').selectAll().where('case_id', '=', CASE).executeTakeFirstOrThrow();
    if (!row.resolved_at) throw new Error('incident still open');
    return row.resolved_at;
  }, 60_000);
  expect(resolved.getTime()).toBeGreaterThan(incidents[0]!.detected_at.getTime());
  await afterMoreChecks(2);
  expect((await incidentsOf(CASE)).map((i) => i.kind)).toEqual(['terminated']);
  expect(shape.mail.messages.filter(alarmsOf(CASE))).toHaveLength(2);
  expect((await loadCaseView(shape.pg.db, supervisor, CASE, 'es', links)).engineStopped).toBeNull();
});

test('a reset done outside Plazo, a case workflow that failed and one whose workflow tasks fail over and over are alarms too, once each', async () => {
  // A running case rewound with the plain CLI: told once, recorded (already resolved: the workflow runs).
  const reset = await startTestCase(shape.client, shape.taskQueue, { caseId: 'ER-2', openedAt: new Date().toISOString() });
  await eventually(() => shape.pg.db.selectFrom('cases').select('id').where('id', '=', 'ER-2').executeTakeFirstOrThrow(), 60_000);
  await afterMoreChecks(1);
  await cli('workflow', 'reset', '--workflow-id', reset.workflowId, '--type', 'LastWorkflowTask', '--reason', 'outsider rewinds');
  const resetAlarms = await shape.mail.waitFor(2, { match: alarmsOf('ER-2'), timeoutMs: 60_000 });
  expect(resetAlarms.find((m) => m.to[0] === ADMIN.email)!.subject).toBe('[Plazo] Caso ER-2: su flujo fue reiniciado');
  const [resetIncident] = await incidentsOf('ER-2');
  expect(resetIncident).toMatchObject({ kind: 'reset', workflow_id: reset.workflowId });
  expect(resetIncident!.resolved_at).not.toBeNull();

  // Cases in the read model whose workflows were replaced from outside (their rows copied from ER-2):
  // ER-3's by one started with its input in clear, which the worker refuses: the workflow fails;
  // ER-4's by a workflow type no worker has: every workflow task fails (describe: pendingWorkflowTask.attempt).
  const { updated_at: _projectedAt, ...row } = await shape.pg.db.selectFrom('cases').selectAll().where('id', '=', 'ER-2').executeTakeFirstOrThrow();
  for (const id of ['ER-3', 'ER-4']) {
    await shape.pg.db
      .insertInto('cases')
      .values({ ...row, id, workflow_id: `case-${id}`, placements: JSON.stringify(row.placements), opened_at: row.opened_at.toISOString(), closed_at: null, next_due_instant: null, alarm_due_instant: null, duty_due_instant: null })
      .execute();
  }
  await cli('workflow', 'start', '--type', 'caseWorkflow', '--task-queue', shape.taskQueue, '--workflow-id', 'case-ER-3', '--input', '{}');
  await cli('workflow', 'start', '--type', 'noSuchWorkflow', '--task-queue', shape.taskQueue, '--workflow-id', 'case-ER-4');
  for (const [id, kind] of [
    ['ER-3', 'failed'],
    ['ER-4', 'task_failing'],
  ]) {
    const alarms = await shape.mail.waitFor(2, { match: alarmsOf(id!), timeoutMs: 120_000 });
    expect(alarms.map((m) => m.to[0]).sort()).toEqual([ADMIN.email, PEOPLE.supervisor.email].sort());
    expect(await incidentsOf(id!)).toEqual([expect.objectContaining({ kind, resolved_at: null })]);
  }
  await afterMoreChecks(2);
  for (const id of ['ER-2', 'ER-3', 'ER-4']) expect(shape.mail.messages.filter(alarmsOf(id))).toHaveLength(2);
});
