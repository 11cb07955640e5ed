/**
 * The agenda and printing in a real browser (Debian's chromium), in Spanish, at 1280 and 390 px, against
 * the real stack. Dates are derived from the moment the test runs: a detention starts at the last full
 * minute 1 h ago, so its 36-hour limit falls 35 h from now; Mexico City has no DST since 2022.
 */
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';
import { pdfText } from './pdfText';

let h: ApiHarness;
let wide: Browser;
let phone: Browser;
const detainedAt = new Date(Math.floor((Date.now() - 3600_000) / 60_000) * 60_000);
const limit = DateTime.fromJSDate(new Date(detainedAt.getTime() + 36 * 3600_000), { zone: 'America/Mexico_City' });

beforeAll(async () => {
  [h, wide, phone] = await Promise.all([startApiHarness('agenda-print'), launchBrowser({ width: 1280, height: 900 }), launchBrowser({ width: 390, height: 844 })]);
  // Fixed ids for the assertions: only an admin chooses a case id.
  const open = (caseId: string, cw: string, sup: string, law: string, name: string) =>
    h.http('POST', '/api/cases', { as: 'eva', body: { caseId, child: { name, nationality: 'Honduras' }, entryDate: daysAgo(10), office: caseId === 'AG-1' ? 'CDMX' : 'Tapachula', assignments: { caseworker: cw, supervisor: sup, lawyer: law } } });
  expect((await open('AG-1', STAFF.ana.id, STAFF.beto.id, STAFF.carla.id, 'Karla Mejía')).status).toBe(201);
  expect((await open('AG-2', STAFF.luis.id, STAFF.sofia.id, STAFF.diego.id, 'Óscar Lara')).status).toBe(201);
  // The claim is filed (the filing window is met: its computation is collapsed on screen), then detention.
  expect((await h.http('POST', '/api/cases/AG-1/events', { body: { type: 'asylum_claim_filed', occurredAt: daysAgo(3) } })).status).toBe(200);
  expect((await h.http('POST', '/api/cases/AG-1/events', { body: { type: 'detention_started', occurredAt: detainedAt.toISOString(), place: 'EM Iztapalapa' } })).status).toBe(200);
  await eventually(async () => {
    const v = (await h.http('GET', '/api/cases/AG-1')).json;
    if (!v.deadlines.some((d: { deadlineId: string }) => d.deadlineId === 'detention_36h')) throw new Error('not projected yet');
  });
}, 240_000);

afterAll(async () => {
  await Promise.all([wide?.close(), phone?.close()]);
  await h?.teardown();
});

const login = (b: Browser, who: StaffKey): Promise<Page> => signedInPage(b, h.base, h.tokens[who]);

test("the agenda shows the week of the caller's cases by day, with the detention limit at its local time", async () => {
  const page = await login(wide, 'ana');
  await page.click('header a[href="/agenda"]');
  await page.waitForURL(/\/agenda/);
  expect(await page.textContent('h1')).toContain('Próximos 7 días'); // the default: the next 7 days, not a calendar week
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(1); // 35 h away: never hidden, even on a Sunday
  // The week holding the 36-hour limit (it may be next week when the test runs late on a Sunday).
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}`);
  const day = page.locator(`section.agenda-day[data-date="${limit.toISODate()}"]`);
  const row = day.locator('tr[data-deadline="AG-1:detention_36h"]');
  expect(await row.count()).toBe(1);
  expect(await row.locator('td').first().textContent()).toBe(limit.toFormat('HH:mm'));
  expect(await row.textContent()).toContain('Karla Mejía');
  // Another caseworker's case is not in Ana's agenda.
  expect(await page.locator('a[href="/cases/AG-2"]').count()).toBe(0);

  // Next week and back.
  await Promise.all([page.waitForNavigation(), page.click('#agenda-next')]);
  expect(await page.locator(`section.agenda-day[data-date="${limit.plus({ weeks: 1 }).startOf('week').toISODate()}"]`).count()).toBe(1);
  await Promise.all([page.waitForNavigation(), page.click('#agenda-previous')]);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(1);

  // Filtered to one rule: only that rule's deadlines remain.
  await page.selectOption('#agenda-filters select[name=rule]', 'comar_decision');
  await Promise.all([page.waitForNavigation(), page.click('#agenda-filters button[type=submit]')]);
  expect(page.url()).toContain('rule=comar_decision');
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(0);

  // A day view of the limit's day.
  await page.goto(`${h.base}/agenda?view=day&from=${limit.toISODate()}`);
  expect(await page.locator('section.agenda-day[data-date]').count()).toBe(1);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(1);

  // A bad filter is refused with the field named, and the page still shows the current week.
  const bad = await page.goto(`${h.base}/agenda?from=2026-02-30`);
  expect(bad?.status()).toBe(400);
  expect(await page.getAttribute('p.error', 'data-field')).toBe('from');
});

test('the director sees every case, and the office and caseworker filters narrow it', async () => {
  const page = await login(wide, 'dora'); // the director sees every case
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}&status=all`);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(1);
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}&status=all&office=${encodeURIComponent('COMAR Tapachula')}`);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(0);
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}&caseworker=${STAFF.ana.id}`);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(1);
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}&caseworker=${STAFF.luis.id}`);
  expect(await page.locator('tr[data-deadline="AG-1:detention_36h"]').count()).toBe(0);
});

test('at 390 px the agenda fits the screen: one column per deadline, no sideways scrolling', async () => {
  const page = await login(phone, 'ana');
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}`);
  const row = page.locator('tr[data-deadline="AG-1:detention_36h"]');
  expect(await row.isVisible()).toBe(true);
  // The page's own width (a string, evaluated in the browser: the tests are type-checked without the DOM).
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
});

test('the calendar link: created once, the same after a reload, copied with the button', async () => {
  const page = await login(wide, 'carla');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.base });
  await page.goto(`${h.base}/cases`);
  expect(await page.locator('#calendar-url').count()).toBe(0);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/calendar-link"] button')]);
  const link = await page.inputValue('#calendar-url');
  expect(link).toMatch(/^webcal:\/\/plazo\.test\/calendar\/plzcal_[\w-]+\.ics$/);
  await page.reload();
  expect(await page.inputValue('#calendar-url')).toBe(link);
  await page.click('button[data-copy="calendar-url"]');
  await page.waitForSelector('button[data-copy="calendar-url"][data-copied="true"]');
  expect(await page.textContent('button[data-copy="calendar-url"]')).toBe('Copiado ✓');
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(link);
});

test('printing: the agenda and the case page drop navigation, filters and forms, and show every computation', async () => {
  const page = await login(wide, 'ana');
  await page.goto(`${h.base}/agenda?from=${limit.toISODate()}`);
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('header')).toBe(false);
  expect(await page.isVisible('#agenda-filters')).toBe(false);
  expect(await page.isVisible('p.print-only')).toBe(true);
  expect(await page.textContent('p.print-only')).toContain('Ana');
  expect(await page.isVisible('tr[data-deadline="AG-1:detention_36h"]')).toBe(true);

  await page.emulateMedia({ media: 'screen' });
  await page.goto(`${h.base}/cases/AG-1`);
  // On screen the met filing window's computation is collapsed; on paper it shows.
  const settled = page.locator('tr[data-deadline="asylum_filing_window"] + tr.how li').first();
  expect(await settled.isVisible()).toBe(false);
  await page.emulateMedia({ media: 'print' });
  expect(await page.isVisible('header')).toBe(false);
  expect(await page.isVisible('#event-form')).toBe(false);
  expect(await page.isVisible('#temporal-link')).toBe(false);
  expect(await page.isVisible('#deadline-table')).toBe(true);
  expect(await page.isVisible('#timeline-table')).toBe(true);
  expect(await settled.isVisible()).toBe(true);
  const how = page.locator('tr[data-deadline="detention_36h"] + tr.how li').first();
  expect(await how.isVisible()).toBe(true);
  // What reaches paper, read back from chromium's own PDF by pdf.js: no navigation, no forms, and the
  // computation of every deadline, collapsed or not, with the met filing window's skipped days.
  const printed = (await pdfText(await page.pdf({ format: 'A4', printBackground: true }))).replace(/\s+/g, ' ');
  const deadlines = await page.locator('#deadline-table tr.how').count();
  expect(printed.match(/Cómo se calculó/g)).toHaveLength(deadlines);
  for (const gone of ['Salir', 'Mis casos', 'Registrar un hecho', 'Me encargo', 'Reasignar', 'Temporal']) expect(printed).not.toContain(gone);
  expect(printed).toContain('sábado');
  await page.emulateMedia({ media: 'screen' });
});
