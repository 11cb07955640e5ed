/**
 * Entering a case already under way (issue 13), on the time-skipping server with real Postgres and
 * SMTP: notices whose moment passed before the case was in Plazo are not sent (the timeline says so),
 * each recipient gets one summary of what is still open, and a case entered closed sends nothing.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { untilAtRest } from '../test/atRest';
import { createCaseHarness, historySinceLastWake, messagesOf, mx, PEOPLE, recordAsCaseworker, recordHistory, type CaseHarness } from '../test/caseHarness';
import { dayInWords } from '../domain/messages/dateWords';
import { stateQuery } from './caseDefinitions';
import type { caseWorkflow } from './caseWorkflow';
import { importSummaryWorkflow, importSummaryWorkflowId } from './importSummary';
import { citationText } from '../domain/messages/computationText';

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness('case-import');
});
afterAll(() => h?.teardown());

type Handle = WorkflowHandle<typeof caseWorkflow>;
const record = recordAsCaseworker;
const stepsSent = (caseId: string) =>
  h.pg.db.selectFrom('notifications').select(['step', 'recipient', 'scheduled_for', 'subject']).where('case_id', '=', caseId).orderBy('created_at').execute();

test('an advanced case entered months late: nothing stale is sent, each recipient gets one summary of what is still open, later steps go out as usual', async () => {
  const entered = mx('2029-11-12', '10:00');
  let handle!: Handle;
  await h.withWorker(async () => {
    await h.advanceTo(entered);
    // Entered Mexico 1 Jun 2029; every event below happened months before the case was typed in.
    handle = await h.startCase({ caseId: 'imp-1', entryDate: '2029-06-01' });
    await record(handle, 'procuraduria_notified', '2029-06-03');
    await record(handle, 'asylum_claim_filed', '2029-07-02');
    await record(handle, 'decision_notified', '2029-10-01', { outcome: 'denied' });
    await record(handle, 'recurso_revision_filed', '2029-10-15');

    // Nine minutes later: not one message (before, the last step of every deadline went out at once).
    await h.advanceTo(mx('2029-11-12', '10:09'));
    expect(await stepsSent('imp-1')).toEqual([]);
    const state = await handle.query(stateQuery);
    const notSent = state.timeline.filter((t) => t.type === 'notification_not_sent');
    expect(notSent.length).toBeGreaterThan(0);
    for (const t of notSent) expect(t.summary).toMatch(/not sent: before the case was in Plazo/);
    // Met before the case was entered: the appeal term and the COMAR term are not live, so never mentioned.
    expect(state.deadlines.find((d) => d.ruleId === 'recurso_revision')).toMatchObject({ status: 'met' });

    // The summary, ten minutes after the last backdated entry: one message per person, nothing met in it.
    await h.advanceTo(mx('2029-11-12', '10:30'));
    const live = state.deadlines.filter((d) => (d.status === 'open' || d.status === 'missed') && d.notSent?.length);
    expect(live.length).toBeGreaterThan(0);
    const summaries = await h.mail.waitFor(1, { match: (m) => messagesOf('imp-1')(m) && m.headers['x-plazo-idempotency-key']!.includes('/summary/'), timeoutMs: 20_000 });
    await untilAtRest(handle); // every send done: a second summary would be in by now
    const all = h.mail.messages.filter(messagesOf('imp-1'));
    const perRecipient = new Map<string, number>();
    for (const m of all) perRecipient.set(m.to[0]!, (perRecipient.get(m.to[0]!) ?? 0) + 1);
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(all.every((m) => m.headers['x-plazo-idempotency-key']!.includes('/summary/before-plazo/'))).toBe(true);
    expect(summaries[0]!.text).not.toMatch(/recurso de revisi|appeal/i);
    // Each live deadline with its due day, in words in the reader's language (formatting: domain/messages tests).
    const lang = Object.values(PEOPLE).find((p) => p.email === all[0]!.to[0])!.language;
    for (const d of live) expect(all[0]!.text).toContain(`(${citationText(d.citation, lang)}): ${lang === 'es' ? 'vence' : 'due'} ${dayInWords(d.due, lang)}`);
    // Sent from its wake-up's own task (patched 'steps-sent-in-task'): no activity task queued, one workflow task.
    const { events, sinceWake } = await historySinceLastWake(handle);
    expect(events.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    expect(sinceWake.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
    expect((await handle.query(stateQuery)).timeline.filter((t) => t.type === 'notification_sent' && t.detail?.kind === 'delivery' && t.detail.beforePlazoSummary)).toHaveLength(1);
    await recordHistory(handle, 'summary-sent-in-task');

    // Days later nothing due before the case was entered has gone out, and no summary a second time.
    await h.advanceTo(mx('2029-11-20', '12:00'));
    const sent = await stepsSent('imp-1');
    for (const n of sent.filter((x) => x.scheduled_for !== null)) expect(n.scheduled_for!.getTime()).toBeGreaterThanOrEqual(Date.parse(entered));
    expect(sent.filter((n) => n.step === 'summary')).toHaveLength(perRecipient.size);
    await recordHistory(handle, 'import-under-way');
  });
});

test('cases opened by an import send no summary of their own: the import sends one per person listing them all, once', async () => {
  const importRun = 'sheet-3a1f';
  await h.withWorker(async () => {
    await h.advanceTo(mx('2029-11-26', '10:00'));
    const handles: Handle[] = [];
    for (const caseId of ['imp-3', 'imp-4', 'imp-5']) {
      const handle = await h.startCase({ caseId, entryDate: '2029-06-01', fileNumber: `F-${caseId}` }, { importRun });
      await record(handle, 'procuraduria_notified', '2029-06-03');
      await record(handle, 'asylum_claim_filed', '2029-07-02');
      handles.push(handle);
    }
    // Past the ten minutes after which a case entered under way sends its own summary: none did.
    await h.advanceTo(mx('2029-11-26', '11:00'));
    for (const handle of handles) {
      await untilAtRest(handle);
      const state = await handle.query(stateQuery);
      expect(state.timeline.filter((t) => t.type === 'notification_not_sent').length).toBeGreaterThan(0);
      expect(state.timeline.filter((t) => t.type === 'summary_sent').map((t) => t.detail)).toEqual([{ kind: 'import_summary', importRun }]);
    }
    expect(h.mail.messages.filter((m) => ['imp-3', 'imp-4', 'imp-5'].some((id) => messagesOf(id)(m)))).toEqual([]);
    const ours = () => h.mail.messages.filter((m) => m.headers['x-plazo-idempotency-key']?.startsWith(`import-summary/${importRun}/`));

    // The import's summary: one message per person (caseworker, supervisor, lawyer), each listing the three cases.
    const run = () => h.env.client.workflow.execute(importSummaryWorkflow, { taskQueue: h.taskQueue, workflowId: importSummaryWorkflowId(importRun), args: [importRun] });
    expect(await run()).toEqual({ sent: 3, alreadySent: 0 });
    const mails = await h.mail.waitFor(3, { match: (m) => ours().includes(m), timeoutMs: 20_000 });
    expect(mails.map((m) => m.to[0]).sort()).toEqual([PEOPLE.caseworker.email, PEOPLE.supervisor.email, PEOPLE.lawyer.email].sort());
    for (const m of mails) for (const id of ['imp-3', 'imp-4', 'imp-5']) expect(m.text).toContain(`${id} (F-${id})`);
    // Run again (a second import of the same sheet): the ledger sends nothing more.
    expect(await h.env.client.workflow.execute(importSummaryWorkflow, { taskQueue: h.taskQueue, workflowId: `${importSummaryWorkflowId(importRun)}-again`, args: [importRun] })).toEqual({ sent: 0, alreadySent: 3 });
    expect(ours()).toHaveLength(3);
    await recordHistory(handles[0]!, 'import-run-summary');
  });
});

test('a case entered already closed sends nothing, ever', async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2029-12-03', '10:00'));
    const handle = await h.startCase({ caseId: 'imp-2', entryDate: '2029-03-01' });
    await record(handle, 'procuraduria_notified', '2029-03-02');
    await record(handle, 'asylum_claim_filed', '2029-03-20');
    await record(handle, 'case_closed', '2029-05-01', { reason: 'reunified' });
    expect(await h.resultOf(handle)).toMatchObject({ caseId: 'imp-2', closed: { reason: 'reunified' } });
    await h.advanceTo(mx('2029-12-10', '10:00'));
    expect(await stepsSent('imp-2')).toEqual([]);
    expect(h.mail.messages.filter(messagesOf('imp-2'))).toEqual([]);
  });
});

test('an import opens a case with its past events: the case recorded one Update at a time, in one opening; a refused event opens nothing and is named', async () => {
  const past = (extra: Record<string, unknown>[]) => extra.map((e) => ({ recordedBy: PEOPLE.caseworker.id, ...e }) as never);
  const events = [
    { type: 'procuraduria_notified', occurredAt: '2030-01-03' },
    { type: 'asylum_claim_filed', occurredAt: '2030-02-02' },
    { type: 'decision_notified', occurredAt: '2030-04-01', outcome: 'denied' },
  ];
  await h.withWorker(async () => {
    await h.advanceTo(mx('2030-05-06', '10:00'));
    const byUpdates = await h.startCase({ caseId: 'imp-past-1', entryDate: '2030-01-01' });
    for (const e of events) await record(byUpdates, e.type, e.occurredAt, e.type === 'decision_notified' ? { outcome: 'denied' } : {});
    const atOpening = await h.startCase({ caseId: 'imp-past-2', entryDate: '2030-01-01' }, { pastEvents: past(events) });
    const [a, b] = [await byUpdates.query(stateQuery), await atOpening.query(stateQuery)];
    const deadlines = (s: typeof a) => s.deadlines.map((d) => `${d.ruleId} ${d.due} ${d.status} ${d.notSent?.length ?? 0}`).sort();
    expect(deadlines(b)).toEqual(deadlines(a));
    // The same entries, but for "missed": recorded one Update at a time at today's date, a deadline an event
    // of the past met later was first noted missed; opened with its past, only the deadlines missed for good are.
    const besidesMissed = (s: typeof a) => s.timeline.filter((t) => t.type !== 'deadline_missed').map((t) => t.type);
    expect(besidesMissed(b)).toEqual(besidesMissed(a));
    const missedFor = (s: typeof a) => s.timeline.filter((t) => t.type === 'deadline_missed').map((t) => t.deadlineId).sort();
    expect(missedFor(b)).toEqual(b.deadlines.filter((d) => d.status === 'missed').map((d) => d.deadlineId).sort());
    expect(missedFor(a).length).toBeGreaterThan(missedFor(b).length);
    expect(b.events?.map((e) => e.event.type)).toEqual(['entered_mexico', ...events.map((e) => e.type)]);
    await recordHistory(atOpening, 'import-past-events-at-opening');

    // A decision with no claim filed is refused as the Update refuses it: the opening fails naming the event, and no case exists.
    const refused = await h.startCase({ caseId: 'imp-past-3', entryDate: '2030-01-01' }, { pastEvents: past([events[0]!, events[2]!]) });
    await expect(h.resultOf(refused)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/^pastEvents\[1\]\.\w+: /) } });
    expect(await h.pg.db.selectFrom('cases').select('id').where('id', '=', 'imp-past-3').execute()).toEqual([]);
  });
});
