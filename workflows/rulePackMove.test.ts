/**
 * A case opened under mx-2026.1 moved to mx-2026.2 on the time-skipping server, with real Postgres and
 * real SMTP, through the app's operations (a lawyer of the case). Dates worked by hand (as in
 * domain/case/packMove.test.ts): born Fri 31 Mar 2012, 18 on Sun 31 Mar 2030 (mx-2026.1 rolled it to
 * Mon 1 Apr; mx-2026.2 never rolls a birthday: earlier, applied and announced); claim filed Tue 24 Apr 2029,
 * the first signature falls on Tue 1 May, a holiday (mx-2026.1: Wed 2 May; mx-2026.2 drops it, next Tue
 * 8 May: later, waits for the lawyer); the SRE opinion requested Wed 25 Apr has no rule in mx-2026.2
 * (waits); mx-2026.2 adds COMAR's 72 h notice to INM and the interview target (applied and announced).
 */
import pino from 'pino';
import { packDryRun } from '../app/rulePacks/packDryRun';
import { applyPack, packUpdateProgress } from '../app/rulePacks/applyPack';
import { decidePackChange } from '../app/rulePacks/decidePackChange';
import type { AppDeps } from '../app/appDeps';
import type { AuthUser } from '../app/auth';
import { loadCaseView } from '../app/cases/loadCaseView';
import { loadTimeline } from '../app/cases/loadTimeline';
import { addOverlay } from '../app/overlays/addOverlay';
import { renderConstancia } from '../client/pdf/constancia';
import type { CaseEventInput } from '../domain/case/events';
import type { CaseState } from '../domain/case/state';
import { createCaseHarness, mx, PEOPLE, recordHistory, type CaseHarness } from '../test/caseHarness';
import { pdfText } from '../test/pdfText';
import { recordEventUpdate, stateQuery } from './caseDefinitions';
import type { rulePackUpdateWorkflow } from './rulePackUpdate';

let h: CaseHarness;
let deps: AppDeps;
beforeAll(async () => {
  h = await createCaseHarness('pack-move', { rulePack: 'mx-2026.1' });
  deps = { db: h.pg.db, temporal: h.env.client, taskQueue: h.taskQueue, links: { publicUrl: 'http://plazo.test', temporalUiUrl: 'http://temporal.test', namespace: 'default' }, logger: pino({ level: 'silent' }), projectionTimeoutMs: 10_000 };
});
afterAll(() => h?.teardown());

const lawyer: AuthUser = { ...PEOPLE.lawyer, role: 'lawyer', language: 'en' };
const caseworker: AuthUser = { ...PEOPLE.caseworker, role: 'caseworker', language: 'es' };
const ev = (type: string, occurredAt: string, extra: Record<string, unknown> = {}): CaseEventInput => ({ type, occurredAt, recordedBy: PEOPLE.caseworker.id, ...extra }) as CaseEventInput;
const packMail = () => h.mail.messages.filter((m) => (m.headers['x-plazo-idempotency-key'] ?? '').includes('/pack-mx-2026.2/'));

test('a dry run shows the changes and changes nothing; the move applies earlier dates, holds a later one for acceptance, shows it everywhere; a second application changes nothing', async () => {
  await h.advanceTo(mx('2029-04-20', '10:00'));
  await h.withWorker(async () => {
    const handle = await h.startCase({ caseId: 'pack-1', child: { name: 'N. N.', birthDate: '2012-03-31' }, entryDate: '2029-04-16' });
    const record = (e: CaseEventInput) => handle.executeUpdate(recordEventUpdate, { args: [e as never] });
    await h.advanceTo(mx('2029-04-24', '10:00'));
    await record(ev('asylum_claim_filed', mx('2029-04-24', '10:00')));
    await h.advanceTo(mx('2029-04-25', '10:00'));
    await record(ev('sre_opinion_requested', mx('2029-04-25', '10:00')));
    await h.advanceTo(mx('2029-04-26', '10:00'));
    const state = () => handle.query(stateQuery);
    const due = (s: CaseState, id: string) => s.deadlines.find((d) => d.deadlineId === id)!;

    // Dry run: every change with old and new dates and the reason; the case exactly as it was.
    const before = await state();
    await expect(packDryRun(deps, caseworker, 'mx-2026.2')).rejects.toThrow('a caseworker may not move cases to another rule pack');
    await expect(packDryRun(deps, lawyer, 'mx-2099.1')).rejects.toMatchObject({ field: 'to' });
    const dry = await packDryRun(deps, lawyer, 'mx-2026.2');
    expect(await state()).toEqual(before);
    expect(dry.map((c) => [c.caseId, c.from])).toEqual([['pack-1', 'mx-2026.1']]);
    expect(dry[0]!.changes.map((c) => [c.action, c.deadlineId, c.before?.due ?? null, c.after?.due.slice(0, 10) ?? null, c.needsAcceptance])).toEqual([
      ['update', 'age_of_majority', '2030-04-01', '2030-03-31', false],
      ['update', 'weekly_signature#1', '2029-05-02', '2029-05-08', true],
      ['delete', 'sre_opinion', '2029-05-17', null, true],
      ['add', 'comar_notice_to_inm', null, '2029-04-27', false],
      ['add', 'interview_target', null, '2029-05-24', false],
    ]);
    expect(dry[0]!.changes.every((c) => c.reason.startsWith('mx-2026.2 '))).toBe(true);

    // Apply to all: a workflow, one Update per case, progress by query.
    const run = await applyPack(deps, lawyer, 'mx-2026.2');
    expect(run.total).toBe(1);
    await h.resultOf(h.env.client.workflow.getHandle<typeof rulePackUpdateWorkflow>(run.workflowId));
    const progress = await packUpdateProgress(deps, lawyer, run.workflowId);
    expect([progress.done, progress.total, progress.results]).toEqual([1, 1, [{ caseId: 'pack-1', outcome: 'changed', pending: 2 }]]);

    const moved = await state();
    expect(moved.rulePack).toBe('mx-2026.2');
    expect([due(moved, 'age_of_majority').due, due(moved, 'age_of_majority').rulePack]).toEqual(['2030-03-31', 'mx-2026.2']);
    // The later date waits: still counted under mx-2026.1 until a person accepts it.
    expect([due(moved, 'weekly_signature#1').due, due(moved, 'weekly_signature#1').rulePack, due(moved, 'weekly_signature#1').pendingPack?.after?.due]).toEqual(['2029-05-02', 'mx-2026.1', '2029-05-08']);
    expect(due(moved, 'sre_opinion').pendingPack?.action).toBe('delete');
    expect(moved.timeline.filter((t) => t.seq > before.seq && t.type === 'rules_recomputed').map((t) => t.summary)).toContainEqual('case moved from rule pack mx-2026.1 to mx-2026.2: 3 change(s) applied, 2 pending acceptance');
    // The earlier date and the additions told to the case's three people, once each.
    await h.mail.waitFor(9, { match: (m) => packMail().includes(m), timeoutMs: 20_000 });
    const told = packMail().map((m) => `${m.headers['x-plazo-idempotency-key']!.split('/')[1]} ${m.to.join(',')}`).sort();
    expect(told).toEqual(['age_of_majority', 'comar_notice_to_inm', 'interview_target'].flatMap((d) => ['ana@ong.test', 'beto@ong.test', 'carla@ong.test'].map((e) => `${d} ${e}`)).sort());

    // The lawyer accepts the later date: timeline and audit log say who and when.
    const decision = await decidePackChange(deps, lawyer, 'pack-1', { deadlineId: 'weekly_signature#1', accept: true });
    const accepted = await decision.state();
    expect([due(accepted, 'weekly_signature#1').due, due(accepted, 'weekly_signature#1').rulePack]).toEqual(['2029-05-08', 'mx-2026.2']);
    // The decision's own entry is at the receipt's seq; the pack move's deliveries may be noted after it.
    expect(accepted.timeline.find((t) => t.seq === decision.seq)).toMatchObject({ type: 'deadline_moved', by: PEOPLE.lawyer.id, deadlineId: 'weekly_signature#1' });
    expect(accepted.timeline.filter((t) => t.seq > decision.seq).every((t) => t.type === 'notification_sent')).toBe(true);
    const audit = await h.pg.db.selectFrom('audit_log').selectAll().where('case_id', '=', 'pack-1').where('action', '=', 'rule_pack.accept').execute();
    expect(audit.map((a) => [a.user_id, (a.detail as { due: string }).due])).toEqual([[PEOPLE.lawyer.id, '2029-05-08']]);
    await expect(decidePackChange(deps, lawyer, 'pack-1', { deadlineId: 'sre_opinion', accept: false })).rejects.toMatchObject({ field: 'reason' });

    // The case page's data and the constancia name each deadline's pack, and the change still waiting.
    const view = await loadCaseView(deps.db, lawyer, 'pack-1', 'en', deps.links);
    const sre = view.deadlines.find((d) => d.deadlineId === 'sre_opinion')!;
    expect([sre.rulePack, sre.pendingPack?.rulePack, sre.pendingPack?.action]).toEqual(['mx-2026.1', 'mx-2026.2', 'delete']);
    const timeline = await loadTimeline(deps.db, lawyer, 'pack-1');
    const pdf = await pdfText(await renderConstancia({ lang: 'en', view, timeline, deadlineId: null, issuedBy: { name: 'Carla', role: 'lawyer' }, issuedAt: new Date(await h.now()), nameOf: (u) => u }));
    expect(pdf).toMatch(/Rule pack: mx-2026\.1\s/);
    expect(pdf).toMatch(/Rule pack: mx-2026\.2\s/);
    expect(pdf).toContain("mx-2026.2 would no longer count it: pending a person's acceptance");
    expect(pdf).toContain('accepted');

    // A second application: nothing changes, nobody is told again.
    const settled = await state();
    const again = await applyPack(deps, lawyer, 'mx-2026.2', ['pack-1']);
    await h.resultOf(h.env.client.workflow.getHandle<typeof rulePackUpdateWorkflow>(again.workflowId));
    expect((await packUpdateProgress(deps, lawyer, again.workflowId)).results).toEqual([{ caseId: 'pack-1', outcome: 'unchanged', pending: 1 }]);
    expect(await state()).toEqual(settled);
    expect(packMail()).toHaveLength(9);

    // A closure declared afterwards recounts each deadline under its own pack: the SRE opinion, whose drop
    // still waits, under mx-2026.1 (mx-2026.2 has no such rule). The SRE closed Thu 10 May: Thu 17 → Fri 18 May.
    const admin: AuthUser = { ...PEOPLE.director, role: 'admin', language: 'en' };
    await addOverlay(deps, admin, { id: 'sre-2029-05-10', kind: 'closure', start: '2029-05-10', end: '2029-05-10', scope: { agency: 'SRE' }, citation: { dof: '2029-04-25', title: 'Acuerdo de prueba' } } as never);
    let recounted = settled;
    for (let i = 0; i < 100 && due(recounted, 'sre_opinion').due === '2029-05-17'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      recounted = await state();
    }
    expect([due(recounted, 'sre_opinion').due, due(recounted, 'sre_opinion').rulePack, due(recounted, 'sre_opinion').pendingPack?.action]).toEqual(['2029-05-18', 'mx-2026.1', 'delete']);

    await h.advanceTo(mx('2029-04-26', '12:00'));
    await record(ev('case_closed', mx('2029-04-26', '12:00'), { reason: 'transferred' }));
    await h.resultOf(handle);
    await recordHistory(handle, 'rule-pack-move');
  });
}, 240_000);
