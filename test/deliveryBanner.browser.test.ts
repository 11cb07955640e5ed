/**
 * Email down (issue 26, items 3 and 7): while the mail catcher refuses every connection, every signed-in
 * person sees a banner linking to their agenda, the recipients of a detention's alarm see it at the top of
 * their pages, and the admin's status page counts what is undelivered; once SMTP is back the retries deliver
 * every message of the ledger exactly once, those held past the alert's threshold marked late, and the
 * banner is gone. Dev server, real time (the first retry of a refused send comes 30 s later), headless
 * chromium at 390 px.
 */
import type { Page } from 'playwright-core';
import { eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';
import { DELIVERY_ALERTS } from '../metrics/alertThresholds';

let h: ApiHarness;
let browser: Browser;
let down = true;
const CASE = 'OUT-1';

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('delivery-banner', { mail: { down: () => down } }), launchBrowser({ width: 390, height: 844 })]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

const emailRows = () => h.pg.db.selectFrom('notifications').select(['idempotency_key', 'status']).where('case_id', '=', CASE).where('channel', '=', 'email').execute();
const open = async (page: Page, path: string) => {
  const res = await page.goto(`${h.base}${path}`);
  expect(res?.status()).toBe(200);
};

test('SMTP refusing: the banner and the unemailed alarm show; SMTP back: each message once, the banner gone', async () => {
  const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
  expect((await h.http('POST', '/api/cases', { as: 'eva', body: { caseId: CASE, child: { name: 'Lucía Pérez' }, assignments } })).status).toBe(201);
  // Detained 15 minutes ago: the alarm is owed since then, past both delivery alerts' thresholds.
  const detained = await h.http('POST', `/api/cases/${CASE}/events`, { body: { type: 'detention_started', occurredAt: new Date(Date.now() - 15 * 60_000).toISOString(), place: 'EM Tapachula' } });
  expect(detained.status).toBe(200);
  // The detention's alarm to the three of them is refused: the ledger has it as failed.
  await eventually(async () => expect((await emailRows()).filter((r) => r.status === 'failed').length).toBeGreaterThanOrEqual(3), 60_000);
  expect(h.mail.refused()).toBeGreaterThan(0);
  expect(h.mail.messages).toHaveLength(0);

  // Ana (caseworker, a recipient): the banner to her agenda, and her case's alarm at the top of "Mis casos".
  const ana = await signedInPage(browser, h.base, h.tokens.ana);
  await open(ana, '/cases');
  const banner = ana.locator('#delivery-banner a');
  expect(await banner.textContent()).toMatch(/^No hemos podido enviar avisos desde (las \d{2}:\d{2}|el .+): revisa tus plazos aquí$/);
  expect(await banner.getAttribute('href')).toBe('/agenda');
  expect(await ana.locator('#unemailed-alarms li a').count()).toBe(1);
  expect(await ana.locator('#unemailed-alarms li a').getAttribute('href')).toBe(`/cases/${CASE}`);
  expect(await ana.locator('#unemailed-alarms').textContent()).toContain('Lucía Pérez');
  await ana.screenshot({ path: '/tmp/plazo-delivery-banner-390.png', fullPage: true });

  // Beto (supervisor, a recipient too) sees them on his inbox; Luis (no part in the case) the banner only.
  const beto = await signedInPage(browser, h.base, h.tokens.beto);
  await open(beto, '/inbox');
  expect(await beto.locator('header .who').textContent()).toContain(STAFF.beto.name);
  expect(await beto.locator('#delivery-banner').count()).toBe(1);
  expect(await beto.locator('#unemailed-alarms li').count()).toBe(1);
  const luis = await signedInPage(browser, h.base, h.tokens.luis);
  await open(luis, '/cases');
  expect(await luis.locator('header .who').textContent()).toContain(STAFF.luis.name);
  expect(await luis.locator('#delivery-banner').count()).toBe(1);
  expect(await luis.locator('#unemailed-alarms').count()).toBe(0);

  // The admin's status page: the undelivered and refused messages, the worker polling.
  const eva = await signedInPage(browser, h.base, h.tokens.eva);
  await open(eva, '/admin/status');
  expect(Number(await eva.locator('#status-undelivered strong').textContent())).toBeGreaterThanOrEqual(3);
  expect(Number(await eva.locator('#status-workers strong').textContent())).toBeGreaterThanOrEqual(1);
  await eva.screenshot({ path: '/tmp/plazo-status-390.png', fullPage: true });
  // The alarm was due 15 minutes ago: past both delivery alerts' thresholds, both fire.
  for (const alert of Object.keys(DELIVERY_ALERTS)) expect(await eva.locator(`#status-alerts [data-alert="${alert}"]`).count()).toBe(1);
  const status = await h.http('GET', '/api/status', { as: 'eva' });
  expect(status.status).toBe(200);
  expect(status.json).toMatchObject({ failing: expect.any(Number), undelivered: { count: expect.any(Number) } });
  expect((status.json as { failing: number }).failing).toBeGreaterThanOrEqual(3);
  expect((status.json as { firing: string[] }).firing).toEqual(expect.arrayContaining(Object.keys(DELIVERY_ALERTS)));
  expect((await h.http('GET', '/api/status', { as: 'ana' })).status).toBe(403);

  // SMTP is back: the next retry (30 s after a refusal, then doubling) delivers everything owed.
  down = false;
  await eventually(async () => {
    const rows = await emailRows();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  }, 150_000, 1000);
  const keys = h.mail.messages.map((m) => m.headers['x-plazo-idempotency-key']);
  expect(new Set(keys).size).toBe(keys.length);
  expect([...keys].sort()).toEqual((await emailRows()).map((r) => r.idempotency_key).sort());
  // Due 15 minutes before it went out, held back by the outage: each says it is late.
  const alarms = h.mail.messages.filter((m) => m.headers['x-plazo-scheduled-for'] && Date.now() - Date.parse(m.headers['x-plazo-scheduled-for']) > DELIVERY_ALERTS.PlazoReminderUndelivered.seconds * 1000);
  expect(alarms.length).toBeGreaterThanOrEqual(3);
  for (const m of alarms) {
    expect(m.headers['x-plazo-late']).toBe('true');
    expect(m.subject).toMatch(/^\[(con retraso|late)\] /);
  }

  // One browser profile, one session cookie: each person signs in again before their page is read.
  for (const [who, path] of [['luis', '/cases'], ['beto', '/inbox'], ['ana', '/cases']] as const) {
    const page = await signedInPage(browser, h.base, h.tokens[who]);
    await open(page, path);
    expect(await page.locator('header .who').textContent()).toContain(STAFF[who].name);
    expect(await page.locator('#delivery-banner').count()).toBe(0);
    expect(await page.locator('#unemailed-alarms').count()).toBe(0);
    if (who === 'ana') await page.screenshot({ path: '/tmp/plazo-delivery-banner-gone-390.png', fullPage: true });
  }
  await signedInPage(browser, h.base, h.tokens.eva);
  await open(eva, '/admin/status');
  expect(await eva.locator('#status-undelivered strong').textContent()).toBe('0');
  expect(await eva.locator('#status-alerts [data-alert]').count()).toBe(0);
}, 300_000);
