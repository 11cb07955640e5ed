/**
 * Closures by year on the time-skipping server, with real Postgres and real SMTP: loading next year's TFJA
 * acuerdo recounts an open juicio de nulidad term and emails its caseworker and lawyer; the same acuerdo
 * again changes nothing and sends nothing; from 1 Dec admins hear which authorities in use lack next year's
 * (the activity on days passed in, then the daily digest workflow running it at 09:00).
 *
 * Worked by hand (TFJA calendar: weekends + LFT art. 74 days; no 2031/2032 acuerdo loaded): the denial is
 * notified Mon 1 Dec 2031, day 1 is Tue 2 Dec. Dec 2–5 (4), 8–12 (9), 15–19 (14), 22–24 and 26 (18; 25 Dec
 * closed), 29–31 (21), Fri 2 Jan (22; 1 Jan closed), 5–9 Jan (27), 12–14 Jan (30): due Wed 14 Jan 2032.
 * With the TFJA closed 5–9 Jan 2032: 2 Jan (22), 12–16 Jan (27), 19–21 Jan (30): due Wed 21 Jan 2032.
 * The latest plausible date (the usual December vacation, unverified) moves from 29 Jan to 9 Feb likewise.
 */
import pino from 'pino';
import { loadClosures, previewClosures } from '../app/closures/loadClosures';
import type { AppDeps } from '../app/appDeps';
import type { AuthUser } from '../app/auth';
import { createClosuresCheckActivities } from '../activities/closuresCheck';
import { ClosureYearSchema } from '../domain/closures/closureYear';
import { eventually } from '../test/apiHarness';
import { createCaseHarness, mx, PEOPLE, type CaseHarness } from '../test/caseHarness';
import { createMailer } from '../worker/mailer';
import { recordEventUpdate, upcomingQuery } from './caseDefinitions';
import { DIGEST_WORKFLOW_ID, dailyDigestWorkflow } from './dailyDigest';

let h: CaseHarness;
const eva: AuthUser = { id: 'adm-eva', name: 'Eva', email: 'eva@ong.test', role: 'admin', language: 'en' };
beforeAll(async () => {
  h = await createCaseHarness('closures-by-year');
  await h.pg.db.insertInto('users').values({ ...eva }).execute();
});
afterAll(() => h?.teardown());

const { caseworker: ana, lawyer: carla } = PEOPLE;
const deps = (): AppDeps => ({
  db: h.pg.db,
  temporal: h.env.client,
  taskQueue: h.taskQueue,
  links: { publicUrl: 'http://plazo.test', temporalUiUrl: 'http://temporal.test', namespace: 'default' },
  logger: pino({ level: 'silent' }),
});
const acuerdo = ClosureYearSchema.parse({
  authority: 'TFJA',
  year: 2032,
  citation: 'Acuerdo SS/1/2032 del Pleno General de la Sala Superior (test fixture)',
  published: '2031-12-03',
  dates: [{ start: '2032-01-05', end: '2032-01-09', description: 'receso de enero (test fixture)' }],
});
const movedMail = (m: { headers: Record<string, string> }) => /\/moved-\d+\//.test(m.headers['x-plazo-idempotency-key'] ?? '');

test("loading next year's TFJA closures previews, then recounts the open nulidad term and emails its people; the same acuerdo again changes nothing", async () => {
  await h.withWorker(async () => {
    await h.advanceTo(mx('2031-12-01', '10:00'));
    const handle = await h.startCase({ caseId: 'CLS-1', office: 'Tapachula' });
    const record = (type: string, at: string, extra: Record<string, unknown> = {}) =>
      handle.executeUpdate(recordEventUpdate, { args: [{ type, occurredAt: at, recordedBy: ana.id, ...extra } as never] });
    await record('asylum_claim_filed', mx('2031-12-01', '10:00'));
    await record('decision_notified', mx('2031-12-01', '10:00'), { outcome: 'denied' });
    const nulidad = async () => (await handle.query(upcomingQuery)).find((d) => d.deadlineId === 'nulidad_term')!;
    expect(await nulidad()).toMatchObject({ due: '2032-01-14', dueLatest: '2032-01-29' });
    await eventually(async () => expect(await h.pg.db.selectFrom('case_deadlines').select('due').where('deadline_id', '=', 'nulidad_term').executeTakeFirstOrThrow()).toEqual({ due: '2032-01-14' }));

    // The preview says what moves and stores nothing.
    const preview = await previewClosures(deps(), eva, acuerdo);
    expect(preview).toMatchObject({ alreadyLoaded: false, unreadable: [] });
    expect(preview.overlays.map((o) => [o.id, o.start, o.end, o.annual])).toEqual([['tfja-2032-dof2031-12-03-01', '2032-01-05', '2032-01-09', true]]);
    expect(preview.changes).toEqual([
      { caseId: 'CLS-1', deadlineId: 'nulidad_term', ruleId: 'nulidad_term', title: expect.any(String), from: { due: '2032-01-14', dueLatest: '2032-01-29' }, to: { due: '2032-01-21', dueLatest: '2032-02-09' } },
    ]);
    expect(await h.pg.db.selectFrom('overlays').select('id').execute()).toEqual([]);
    expect(await nulidad()).toMatchObject({ due: '2032-01-14' });

    const loaded = await loadClosures(deps(), eva, acuerdo);
    expect(loaded).toMatchObject({ alreadyLoaded: false, casesNotified: ['CLS-1'] });
    expect(loaded.changes).toEqual(preview.changes);
    const mails = await h.mail.waitFor(2, { match: movedMail, timeoutMs: 30_000 });
    expect(mails.map((m) => m.to.join(',')).sort()).toEqual([ana.email, carla.email]);
    for (const m of mails) {
      // Both read Spanish: which deadline, from what to what, and the acuerdo.
      expect(m.subject).toMatch(/^\[Plazo\] Caso CLS-1: plazo movido · /);
      expect(m.text).toContain('Vencía: miércoles 14 de enero de 2032 (fecha más tardía posible: jueves 29 de enero de 2032)');
      expect(m.text).toContain('Ahora vence: miércoles 21 de enero de 2032');
      expect(m.text).toContain('(fecha más tardía posible: lunes 9 de febrero de 2032)');
      expect(m.text).toContain('Por qué: Acuerdo SS/1/2032 del Pleno General de la Sala Superior (test fixture)');
      expect(m.text).toContain('http://plazo.test/cases/CLS-1');
    }
    expect(await nulidad()).toMatchObject({ due: '2032-01-21', dueLatest: '2032-02-09' });

    // The same acuerdo again: nothing stored, no case told, no email.
    const again = await loadClosures(deps(), eva, acuerdo);
    expect(again).toMatchObject({ alreadyLoaded: true, changes: [], casesNotified: [] });
    expect((await previewClosures(deps(), eva, acuerdo)).alreadyLoaded).toBe(true);
    await h.advanceTo(mx('2031-12-01', '12:00'));
    expect(await h.pg.db.selectFrom('overlays').select('id').execute()).toEqual([{ id: 'tfja-2032-dof2031-12-03-01' }]);
    expect(h.mail.messages.filter(movedMail)).toHaveLength(2);

    // The same acuerdo with other days is refused, naming the field, and stores nothing.
    const other = ClosureYearSchema.parse({ ...acuerdo, dates: [{ start: '2032-01-05' }] });
    await expect(loadClosures(deps(), eva, other)).rejects.toMatchObject({ status: 409, field: 'dates' });
    expect(await h.pg.db.selectFrom('overlays').select('id').execute()).toEqual([{ id: 'tfja-2032-dof2031-12-03-01' }]);
  });
});

test('from 1 Dec the daily check emails admins the authorities in use without next year loaded; before, it is silent', async () => {
  const mailer = createMailer({ host: '127.0.0.1', port: h.mail.smtpPort });
  const check = createClosuresCheckActivities({ db: h.pg.db, mailer, from: 'Plazo <plazo@test.local>', publicUrl: 'http://plazo.test' }).checkClosuresLoaded;
  const toEva = () => h.mail.messages.filter((m) => m.to.includes(eva.email));
  try {
    expect(await check('2031-11-30')).toBeNull();
    expect(toEva()).toHaveLength(0);

    const found = await check('2031-12-01');
    // CLS-1 counts terms before COMAR (the appeal), the federal courts (amparo) and the TFJA; the TFJA's 2032 is loaded above.
    expect(found).toEqual({ year: 2032, missing: [{ agency: 'COMAR', offices: ['COMAR Tapachula'] }, { agency: 'JUDICIARY', offices: ['COMAR Tapachula'] }], told: 1 });
    await h.mail.waitFor(1, { match: (m) => m.to.includes(eva.email) });
    const [mail] = toEva();
    expect(mail!.subject).toBe('[Plazo] Closures for 2032 not loaded');
    expect(mail!.text).toContain('- COMAR (COMAR) · offices: COMAR Tapachula');
    expect(mail!.text).toMatch(/- .* \(JUDICIARY\) · offices: COMAR Tapachula/);
    expect(mail!.text).not.toContain('(TFJA)');
    expect(mail!.text).toContain('http://plazo.test/admin/closures');
    // Once per admin and day.
    expect(await check('2031-12-01')).toMatchObject({ told: 1 });
    expect(toEva()).toHaveLength(1);
  } finally {
    mailer.close();
  }
});

test('the daily digest workflow runs the check each morning: the next day at 09:00 the admins hear it again', async () => {
  const toEva = () => h.mail.messages.filter((m) => m.to.includes(eva.email) && /Closures for/.test(m.subject));
  expect(toEva()).toHaveLength(1);
  await h.withWorker(async () => {
    await h.env.client.workflow.start(dailyDigestWorkflow, { taskQueue: h.taskQueue, workflowId: DIGEST_WORKFLOW_ID });
    await h.advanceTo(mx('2031-12-02', '08:59'));
    expect(toEva()).toHaveLength(1);
    await h.advanceTo(mx('2031-12-02', '09:05'));
    await h.mail.waitFor(2, { match: (m) => m.to.includes(eva.email) && /Closures for/.test(m.subject), timeoutMs: 30_000 });
    expect(toEva()[1]!.headers['x-plazo-idempotency-key']).toBe('closures-missing/2032/adm-eva/2031-12-02');
    // Nobody else hears of it.
    expect(h.mail.messages.filter((m) => /Closures for|Días inhábiles de/.test(m.subject)).every((m) => m.to.includes(eva.email))).toBe(true);
  });
});
