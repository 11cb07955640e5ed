/**
 * The forms that fit the case, in a real browser at phone width (390 px) against the real stack: the
 * event list puts what can happen now first and has no default; a weekly signature on a Sunday asks
 * before it is recorded (the question in view, a confirm that works without script); reassignment
 * offers the case's team only, requires a reason, answers in the person's language without naming
 * anyone's role, and tells both caseworkers by email, once.
 */
import type { Page } from 'playwright-core';
import { addDays, weekdayOf } from '../domain/time/localDate';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;
const CASE = 'FORM-1';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('case-forms'), launchBrowser({ width: 390, height: 844 })]);
  // Luis joins Ana's team; Zoe is a caseworker of no team of this case.
  await h.pg.db.insertInto('team_members').values({ team_id: 'team-sur', user_id: STAFF.luis.id }).execute();
  await h.pg.db.insertInto('users').values({ id: 'cw-zoe', name: 'Zoe', email: 'zoe@ong.test', role: 'caseworker', language: 'es' }).execute();
  await h.pg.db.insertInto('teams').values({ id: 'team-norte', name: 'Equipo Norte', supervisor_id: STAFF.sofia.id }).execute();
  await h.pg.db.insertInto('team_members').values({ team_id: 'team-norte', user_id: 'cw-zoe' }).execute();
  const open = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: { caseId: CASE, child: { name: 'Dulce Ávila' }, entryDate: daysAgo(20), assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } },
  });
  expect(open.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

async function signedIn(who: StaffKey): Promise<Page> {
  const page = await browser.context.newPage();
  await page.context().clearCookies();
  await page.goto(`${h.base}/login`);
  await submitTokenForm(page, h.tokens[who]);
  return page;
}

const optionsOf = (page: Page, group: number) => page.$$eval(`#ev-type optgroup:nth-of-type(${group}) option`, (os) => os.map((o) => (o as unknown as { value: string }).value));
const timeline = async () => (await h.http('GET', `/api/cases/${CASE}/timeline`, { as: 'beto' })).json as any[];

test('the event form offers what fits the phase first, has no default, and asks before recording a signature on a Sunday', async () => {
  const page = await signedIn('ana');
  await page.goto(`${h.base}/cases/${CASE}`);
  // Intake: filing the claim meets the live filing window, so it comes first; appeal and signature events are "other".
  expect(await page.$eval('#ev-type', (s) => (s as unknown as { value: string }).value)).toBe('');
  const intakeLikely = await optionsOf(page, 1);
  expect(intakeLikely[0]).toBe('asylum_claim_filed');
  expect(intakeLikely).not.toContain('weekly_signature_recorded');
  expect(await optionsOf(page, 2)).toEqual(expect.arrayContaining(['weekly_signature_recorded', 'recurso_revision_filed']));

  // The test's dates: S, the last Sunday before today (Mexico City), and the claim filed 13 days before it (a Monday).
  let sunday = daysAgo(1);
  while (weekdayOf(sunday) !== 'Sunday') sunday = addDays(sunday, -1);
  const filed = addDays(sunday, -13);
  expect(weekdayOf(filed)).toBe('Monday');
  expect((await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'asylum_claim_filed', occurredAt: filed, signatureWeekday: 'Monday' } })).status).toBe(200);

  await page.goto(`${h.base}/cases/${CASE}`);
  const asylumLikely = await optionsOf(page, 1);
  expect(asylumLikely).toContain('weekly_signature_recorded');
  expect(asylumLikely.indexOf('weekly_signature_recorded')).toBeLessThan(asylumLikely.indexOf('interview_scheduled'));
  expect(asylumLikely).not.toContain('asylum_claim_filed');

  const signaturesOn = async (day: string) => (await timeline()).filter((t) => t.type === 'weekly_signature_recorded' && t.at === day).length;
  expect(await signaturesOn(sunday)).toBe(0);
  await page.selectOption('#ev-type', 'weekly_signature_recorded');
  await page.fill('#event-form input[name=date]', sunday);
  await Promise.all([page.waitForNavigation(), page.click('#event-form button[type=submit]')]);
  // Asked, not refused, and nothing recorded yet; the question is on screen on the phone.
  const warning = page.locator('#event-warning');
  const [y, m, d] = sunday.split('-').map(Number) as [number, number, number];
  const month = new Intl.DateTimeFormat('es-MX', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  expect(await warning.textContent()).toContain(`El domingo ${d} de ${month} de ${y} no es día hábil para la COMAR (fin de semana)`);
  expect(await signaturesOn(sunday)).toBe(0);
  const box = await page.locator('#event-warning button').boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  if (process.env.PLAZO_SCREENSHOTS) await page.screenshot({ path: 'docs/screenshots/event-warning-390.png' });
  expect(await page.$eval('#ev-type', (s) => (s as unknown as { value: string }).value)).toBe('weekly_signature_recorded');

  await Promise.all([page.waitForNavigation(), page.click('#event-warning button')]);
  expect(await page.textContent('.flash')).toContain('Registrado');
  // The confirmation is on screen on the phone.
  const flash = (await page.locator('#flash').boundingBox())!;
  expect(flash.y).toBeGreaterThanOrEqual(-1); // scrolled to it: its top at the top, within a sub-pixel
  expect(flash.y + flash.height).toBeLessThanOrEqual(844);
  expect(await signaturesOn(sunday)).toBe(1);
  await page.close();
}, 120_000);

test('without script: no event type is a clear error naming the field, in the person\'s language', async () => {
  const r = await h.http('POST', `/cases/${CASE}/events`, { as: null, raw: new URLSearchParams({ type: '', date: daysAgo(1) }).toString(), headers: { ...FORM, cookie: `plazo_session=${h.tokens.ana}` } });
  expect(r.status).toBe(400);
  expect(r.text).toContain('data-field="type"');
  expect(r.text).toContain('Elija qué pasó.');
});

test('reassignment offers the case team only, needs a reason, never names a role, and tells both caseworkers once', async () => {
  const page = await signedIn('beto');
  await page.goto(`${h.base}/cases/${CASE}`);
  const offered = await page.$$eval('#reassign-form select[name=userId] option', (os) => os.map((o) => (o as unknown as { value: string }).value));
  expect(offered).toEqual([STAFF.ana.id, STAFF.luis.id]);
  expect(await page.$eval('#reassign-form select[name=userId]', (s) => (s as unknown as { value: string }).value)).toBe(STAFF.ana.id);

  // Refusals, straight to the server (no browser checks): each names its field, in Beto's English, and changes nothing.
  const post = (fields: Record<string, string>) =>
    h.http('POST', `/cases/${CASE}/reassign`, { as: null, raw: new URLSearchParams({ role: 'caseworker', ...fields }).toString(), headers: { ...FORM, cookie: `plazo_session=${h.tokens.beto}` } });
  const noReason = await post({ userId: STAFF.luis.id, reason: ' ' });
  expect(noReason.status).toBe(400);
  expect(noReason.text).toContain('data-field="reason"');
  expect(noReason.text).toContain('Write the reason for the change');
  for (const userId of ['cw-zoe', STAFF.carla.id, 'nobody-here']) {
    const r = await post({ userId, reason: 'cambio de equipo' });
    expect(r.status).toBe(422);
    expect(r.text).toContain('data-field="userId"');
    expect(r.text).toContain('Choose a person from the list.');
    // The error says nothing of who that person is (their role, or whether they exist).
    const error = /<p class="error"[^>]*>([\s\S]*?)<\/p>/.exec(r.text)?.[1] ?? '';
    expect(error).toContain('Choose a person from the list.');
    expect(error).not.toMatch(/lawyer|caseworker|abogad|no active|exist/i);
    expect(error).not.toContain(userId);
  }
  expect((await h.http('GET', `/api/cases/${CASE}`, { as: 'beto' })).json.assignments.caseworker).toBe(STAFF.ana.id);

  await page.selectOption('#reassign-form select[name=userId]', STAFF.luis.id);
  await page.fill('#reassign-form textarea[name=reason]', 'Ana está de vacaciones dos semanas');
  await Promise.all([page.waitForNavigation(), page.click('#reassign-form button[type=submit]')]);
  expect(await page.textContent('.flash')).toContain('told by email');
  expect((await h.http('GET', `/api/cases/${CASE}`, { as: 'beto' })).json.assignments.caseworker).toBe(STAFF.luis.id);
  const audit = await h.pg.db.selectFrom('audit_log').select(['detail', 'status']).where('action', '=', 'case.reassign').where('status', '=', 303).execute();
  expect(audit.map((a) => a.detail)).toEqual([{ role: 'caseworker', from: STAFF.ana.id, to: STAFF.luis.id, reason: 'Ana está de vacaciones dos semanas' }]);
  expect((await timeline()).at(-1)).toMatchObject({ type: 'assignment_changed' });

  const toLuis = (await h.mail.waitFor(1, { match: (m) => m.to.includes(STAFF.luis.email) && m.subject.includes(`${CASE}: new holder`), timeoutMs: 30_000 }))[0]!;
  expect(toLuis.text).toContain('Hello Luis,');
  expect(toLuis.text).toContain(`Beto assigned case ${CASE} to you.`);
  expect(toLuis.text).toContain('Reason: Ana está de vacaciones dos semanas');
  expect(toLuis.text).toContain(`Open the case: http://plazo.test/cases/${CASE}`);
  expect(toLuis.text).toMatch(/COMAR[^\n]*: \w+day, \w+ \d+, \d{4} \(until 11:59 PM, Mexico City time\)/);
  const toAna = (await h.mail.waitFor(1, { match: (m) => m.to.includes(STAFF.ana.email) && m.subject.includes(`Caso ${CASE}: cambio de responsable`), timeoutMs: 30_000 }))[0]!;
  expect(toAna.text).toContain(`Beto asignó el caso ${CASE} a Luis; usted ya no lo lleva.`);
  // Once each, even after the page is reloaded.
  await page.reload();
  await new Promise((r) => setTimeout(r, 1500));
  expect(h.mail.messages.filter((m) => /new holder|cambio de responsable/.test(m.subject)).length).toBe(2);
  await eventually(async () => expect((await h.pg.db.selectFrom('notifications').select('idempotency_key').where('step', '=', 'reassigned').execute()).length).toBe(2));
  await page.close();
}, 120_000);
