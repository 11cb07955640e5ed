/**
 * Issue 23's small things, against the real stack in a real browser (Debian's chromium) at 390 px and a
 * real SMTP catcher: a person reads times in the zone they chose (Carla in Tijuana), the alarm email says
 * the limit at its exact time on her clock and the time past rounded down in minutes; a child's long
 * unbroken name wraps instead of widening "Mis casos"; every page's first Tab stop is "Saltar al contenido".
 * Instants come from the moment the test runs, written out with Intl (not the code under test's luxon).
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import type { CaughtMail } from '../dev/mailCatcher';
import { eventually, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';

let h: ApiHarness;
let phone: Browser;
const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
// A name with no place to break: 120 letters (the issue saw one widen the list by 1,500 px).
const LONG_NAME = `Maria${'Guadalupe'.repeat(13)}Xo`;
/** The shot the wrapping test takes, to be looked at. */
const SHOT = join(tmpdir(), 'plazo-small-things-cases-390.png');

beforeAll(async () => {
  [h, phone] = await Promise.all([startApiHarness('small-things'), launchBrowser({ width: 390, height: 844 })]);
}, 180_000);

afterAll(async () => {
  await phone?.close();
  await h?.teardown();
});

/** "domingo 6 de diciembre de 2026, 13:36" on `zone`'s clock, by Intl: the words a Spanish reader expects. */
function spanishWords(ms: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('es-MX', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} de ${parts.month} de ${parts.year}, ${parts.hour}:${parts.minute}`;
}

/** The Tab stops from the top of a freshly loaded page: the first one, and where Enter on it takes the focus. */
async function firstTabStop(page: Page): Promise<{ text: string; href: string | null; visible: boolean; afterEnter: string }> {
  await page.keyboard.press('Tab');
  // Evaluated as page text (the tests type-check without the DOM's types).
  const first = await page.evaluate<{ text: string; href: string | null; visible: boolean }>(
    `(() => { const a = document.activeElement; const r = a.getBoundingClientRect(); return { text: a.textContent ?? '', href: a.getAttribute('href'), visible: r.top >= 0 && r.height > 0 }; })()`,
  );
  await page.keyboard.press('Enter');
  const afterEnter = await page.evaluate<string>(`document.activeElement?.id ?? ''`);
  return { ...first, afterEnter };
}

test('Carla chooses Tijuana on her preferences page; a zone that is not offered is refused naming the field, nothing saved', async () => {
  const page = await signedInPage(phone, h.base, h.tokens.carla);
  await page.goto(`${h.base}/preferences`);
  expect(await page.inputValue('#preferences-form select[name=timeZone]')).toBe('America/Mexico_City');
  // A forged value (the select offers only Mexico's zones).
  await page.evaluate(`(() => { const o = document.querySelector('#preferences-form select[name=timeZone] option'); o.value = 'Mars/Olympus_Mons'; o.selected = true; })()`);
  const [refused] = await Promise.all([page.waitForNavigation(), page.click('#preferences-form button[type=submit]')]);
  expect(refused?.status()).toBe(400);
  expect(await page.getAttribute('[data-error-for]', 'data-error-for')).toBe('timeZone');
  expect((await h.pg.db.selectFrom('users').select('time_zone').where('id', '=', STAFF.carla.id).executeTakeFirstOrThrow()).time_zone).toBe('America/Mexico_City');

  await page.goto(`${h.base}/preferences`);
  await page.selectOption('#preferences-form select[name=timeZone]', 'America/Tijuana');
  await Promise.all([page.waitForNavigation(), page.click('#preferences-form button[type=submit]')]);
  expect(await page.textContent('#flash')).toContain('Preferencias guardadas');
  expect(await page.inputValue('#preferences-form select[name=timeZone]')).toBe('America/Tijuana');
  await page.close();
});

test("the alarm email states the limit at its exact time on each reader's clock, and the time past in whole minutes", async () => {
  expect((await h.http('POST', '/api/cases', { as: 'eva', body: { caseId: 'SM-1', child: { name: LONG_NAME }, office: 'CDMX', assignments } })).status).toBe(201);
  // Detained 16 minutes ago, to the minute: the notice to the Procuraduría was owed at once.
  const detainedAt = Math.floor((Date.now() - 16 * 60_000) / 60_000) * 60_000;
  expect((await h.http('POST', '/api/cases/SM-1/events', { body: { type: 'detention_started', occurredAt: new Date(detainedAt).toISOString(), place: 'EM Tijuana' } })).status).toBe(200);

  const alarmTo = (email: string) => (m: CaughtMail) => m.to.includes(email) && m.subject.includes('SM-1') && m.subject.includes('ALERTA');
  const [carla] = await h.mail.waitFor(1, { match: alarmTo(STAFF.carla.email), timeoutMs: 30_000 });
  const [ana] = await h.mail.waitFor(1, { match: alarmTo(STAFF.ana.email), timeoutMs: 30_000 });
  expect(carla!.text).toContain(`A más tardar: ${spanishWords(detainedAt, 'America/Tijuana')} (hora de Tijuana)`);
  expect(ana!.text).toContain(`A más tardar: ${spanishWords(detainedAt, 'America/Mexico_City')} (hora de la Ciudad de México)`);
  // Rounded down, in minutes within the first hour: never "venció hace 1 hora" after 16 minutes.
  for (const m of [carla!, ana!]) {
    const past = /Tiempo restante: venció hace (\d+) minutos?\n/.exec(m.text);
    expect(past).not.toBeNull();
    expect(Number(past![1])).toBeGreaterThanOrEqual(15);
    expect(Number(past![1])).toBeLessThan(60);
    expect(m.text).not.toMatch(/venció hace \d+ horas?/);
  }
});

test("Carla's case page writes the 36-hour limit on her Tijuana clock", async () => {
  const view = await eventually(async () => {
    const v = (await h.http('GET', '/api/cases/SM-1', { as: 'carla' })).json;
    const d = v.deadlines?.find((x: { deadlineId: string }) => x.deadlineId === 'detention_36h');
    if (!d) throw new Error('not projected yet');
    return d as { dueInstant: string };
  });
  const page = await signedInPage(phone, h.base, h.tokens.carla);
  await page.goto(`${h.base}/cases/SM-1`);
  const hm = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Tijuana', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(view.dueInstant));
  expect(await page.locator('tr[data-deadline="detention_36h"]').first().textContent()).toContain(`${hm} (hora de Tijuana)`);
  await page.close();
});

test('a long unbroken name wraps inside its card at 390 px and its cell at 1280 px: "Mis casos" does not widen', async () => {
  const page = await signedInPage(phone, h.base, h.tokens.ana);
  await page.goto(`${h.base}/cases`);
  const row = page.locator('#cases tr', { hasText: LONG_NAME.slice(0, 30) });
  expect(await row.count()).toBe(1);
  const sizes = await page.evaluate<{ scroll: number; viewport: number; widest: number }>(
    `({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth, widest: Math.max(...[...document.querySelectorAll('#cases tr, main')].map((e) => e.getBoundingClientRect().right)) })`,
  );
  expect(sizes.viewport).toBe(390);
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.viewport);
  expect(sizes.widest).toBeLessThanOrEqual(sizes.viewport);
  // The name is all there, on several lines.
  const name = row.locator('td', { hasText: LONG_NAME });
  const box = (await name.boundingBox())!;
  expect(box.height).toBeGreaterThan(40);
  await page.screenshot({ path: SHOT, fullPage: false });
  // On a desk the list is a real table, whose columns grow to their longest word unless words may break.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${h.base}/cases`);
  const wide = await page.evaluate<{ scroll: number; table: number }>(`({ scroll: document.documentElement.scrollWidth, table: document.querySelector('#cases').getBoundingClientRect().right })`);
  expect(wide.scroll).toBeLessThanOrEqual(1280);
  expect(wide.table).toBeLessThanOrEqual(1280);
  await page.close();
});

test('on every page the first Tab stop is "Saltar al contenido", shown when focused, and Enter takes the focus to the content', async () => {
  const ana = await signedInPage(phone, h.base, h.tokens.ana);
  for (const path of ['/cases', '/cases/SM-1', '/agenda', '/cases/new', '/preferences']) {
    await ana.goto(`${h.base}${path}`);
    expect({ path, ...(await firstTabStop(ana)) }).toEqual({ path, text: 'Saltar al contenido', href: '#main', visible: true, afterEnter: 'main' });
  }
  // Signed out too, and in English.
  await ana.close();
  await phone.context.clearCookies();
  const login = await phone.context.newPage();
  await login.goto(`${h.base}/login?lang=en`);
  expect(await firstTabStop(login)).toMatchObject({ text: 'Skip to content', href: '#main', afterEnter: 'main' });
  await login.close();
});
