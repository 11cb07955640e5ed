/**
 * Every page in a real browser (Debian's chromium) at 390 px (a phone, in Spanish) and 1280 px (in
 * English), against the real stack: axe-core (WCAG 2.0/2.1/2.2 A and AA) finds no serious or critical
 * violation, at 390 px nothing scrolls sideways, and every page stays light (no other site, no web font,
 * under 64 KB of HTML). The lists show danger first: a detained child's 36-hour limit leads "Mis casos"
 * with a live countdown (allowed by the CSP by its hash), which without JavaScript still reads right; the
 * inbox's repeated buttons say which deadline and case they act on. With PLAZO_SCREENSHOTS=1, screenshots
 * at 390 px of the main pages go to docs/screenshots/phone-*.png.
 *
 * Dates come from the moment the test runs: the detention starts at the last full minute 1 h ago, so
 * its 36-hour limit is 35 h away; PF-2 entered Mexico 90 days ago, so its 30-business-day filing window
 * (at most ~45 calendar days with every holiday) is past and overdue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, signedInPage, type Browser } from './browser';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
/** `PLAZO_SCREENSHOTS=1` refreshes the docs' 390 px screenshots; an ordinary run leaves docs/ alone. */
const SHOTS = process.env.PLAZO_SCREENSHOTS === '1' ? join(__dirname, '..', 'docs', 'screenshots') : null;

let h: ApiHarness;
let phone: Browser;
let wide: Browser;
const detainedAt = new Date(Math.floor((Date.now() - 3600_000) / 60_000) * 60_000);

beforeAll(async () => {
  [h, phone, wide] = await Promise.all([startApiHarness('phone-first'), launchBrowser({ width: 390, height: 844 }), launchBrowser({ width: 1280, height: 900 })]);
  const open = (caseId: string, as: 'ana' | 'luis', name: string, entryDays: number) =>
    h.http('POST', '/api/cases', {
      as: 'eva', // fixed ids for the pages: only an admin chooses a case id
      body: {
        caseId, child: { name, nationality: 'Honduras' }, entryDate: daysAgo(entryDays), office: as === 'ana' ? 'CDMX' : 'Tapachula',
        assignments: as === 'ana' ? { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id } : { caseworker: STAFF.luis.id, supervisor: STAFF.sofia.id, lawyer: STAFF.diego.id },
      },
    });
  expect((await open('PF-1', 'ana', 'Karla Mejía Hernández', 10)).status).toBe(201);
  expect((await open('PF-2', 'ana', 'Yesenia Ramírez', 90)).status).toBe(201);
  expect((await open('PF-3', 'ana', 'Óscar Lara', 5)).status).toBe(201);
  expect((await open('PF-9', 'luis', 'Luisa Pérez', 5)).status).toBe(201);
  expect((await h.http('POST', '/api/cases/PF-1/events', { body: { type: 'detention_started', occurredAt: detainedAt.toISOString(), place: 'EM Iztapalapa' } })).status).toBe(200);
  await eventually(async () => {
    const v = (await h.http('GET', '/api/cases/PF-1')).json;
    if (!v.deadlines.some((d: { deadlineId: string }) => d.deadlineId === 'detention_36h')) throw new Error('not projected yet');
  });
}, 240_000);

afterAll(async () => {
  await Promise.all([phone?.close(), wide?.close()]);
  await h?.teardown();
});

const login = (b: Browser, who: StaffKey): Promise<Page> => signedInPage(b, h.base, h.tokens[who]);

/** Serious and critical axe violations on the page as it is now, as readable lines. */
async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (scripts only 'self' + hashes) stays in force.
  await page.evaluate(AXE);
  const options = JSON.stringify({ runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] });
  const violations = await page.evaluate<{ id: string; impact: string; targets: string[] }[]>(
    `axe.run(document, ${options}).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  );
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/** Every page a person can reach, by who sees it: [who, path, screenshot name or null]. */
const PAGES: [StaffKey | null, string, string | null][] = [
  [null, '/login', 'login'],
  ['ana', '/cases', 'cases'],
  ['ana', '/cases?status=all&q=a', null],
  ['ana', '/cases/PF-1', 'case-page'],
  ['ana', '/cases/new', 'new-case'],
  ['ana', '/agenda', 'agenda'],
  ['ana', '/cases/NOPE-404', 'not-found'],
  ['ana', '/admin/users', null], // 403: a caseworker may not manage people
  ['beto', '/inbox', 'inbox'],
  ['beto', '/inbox?q=pf&phase=intake', null],
  ['beto', '/cases', 'cases-supervisor'],
  ['beto', '/dashboard', 'dashboard'],
  ['eva', '/admin/users', 'users'],
  ['eva', '/admin/overlays', 'overlays'],
  ['eva', '/admin/closures', null],
  ['eva', '/admin/lists?list=offices', null],
  ['eva', '/admin/lists?list=places', null],
  ['eva', '/admin/lists?list=nationalities', null],
  ['eva', '/cases/PF-9', null],
  ['beto', '/import', 'import'],
  ['ana', '/sessions', 'sessions'],
  ['ana', '/preferences', 'preferences'],
  [null, '/ack/not-a-real-link', null], // an email's "I'm on it" link that is not valid
];

// The phone pass in Spanish, the desktop pass in English: both catalogues go through axe.
describe.each([
  ['390 px, in Spanish', 390, 'es'],
  ['1280 px, in English', 1280, 'en'],
])('every page at %s', (_label, width, lang) => {
  test('axe finds no serious or critical violation, and at 390 px nothing scrolls sideways', async () => {
    const b = width === 390 ? phone : wide;
    const problems: string[] = [];
    let page: Page | null = null;
    let current: StaffKey | null | undefined;
    for (const [who, path, shot] of PAGES) {
      if (who !== current || !page) {
        await page?.close();
        page = who ? await login(b, who) : await b.context.newPage();
        current = who;
        // Still light: nothing from another site, no web fonts, no framework bundle.
        page.on('request', (r) => {
          if (!r.url().startsWith(h.base) && !r.url().startsWith('data:')) problems.push(`${r.url()}: a request to another site`);
          if (r.resourceType() === 'font') problems.push(`${r.url()}: a web font`);
        });
      }
      if (!who) await b.context.clearCookies();
      const res = await page.goto(`${h.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect([200, 403, 404]).toContain(res?.status());
      const size = (await res!.body()).length;
      // The pages weigh 9–28 KB with their CSS (Nov 2026): 64 KB leaves room, not a framework.
      if (size > 64_000) problems.push(`${path}: ${size} bytes of HTML`);
      for (const p of await axeProblems(page)) problems.push(`${path}: ${p}`);
      const { scroll, viewport } = await page.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
      if (width === 390 && scroll > viewport) problems.push(`${path}: ${scroll} px wide in a ${viewport} px viewport`);
      if (SHOTS && width === 390 && shot) await page.screenshot({ path: join(SHOTS, `phone-${shot}.png`), fullPage: true });
    }
    await page?.close();
    expect(problems).toEqual([]);
  }, 300_000);
});

test('the axe check does find a serious violation when there is one (an image without a text alternative)', async () => {
  const page = await phone.context.newPage();
  await page.goto(`${h.base}/login?lang=es`);
  expect(await axeProblems(page)).toEqual([]);
  await page.evaluate("document.querySelector('main').appendChild(document.createElement('img')).src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='");
  expect((await axeProblems(page)).join('\n')).toMatch(/^image-alt \((serious|critical)\)/m);
  await page.close();
});

test('the 36-hour limit leads "Mis casos" as a live countdown; the CSP lets the hashed script run', async () => {
  const page = await login(phone, 'ana');
  const blocked: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') blocked.push(m.text());
  });
  await page.goto(`${h.base}/cases?lang=es`);
  const rows = page.locator('#cases tbody tr');
  expect(await rows.first().getAttribute('data-case')).toBe('PF-1');
  // INM's immediate notice (0 hours, LM arts. 99, 112) was due at the detention: PF-1 is overdue too.
  expect(await rows.first().getAttribute('class')).toBe('row-overdue');
  // Then the overdue case, then the one with time.
  expect(await rows.nth(1).getAttribute('data-case')).toBe('PF-2');
  expect(await rows.nth(1).getAttribute('class')).toBe('row-overdue');
  expect(await rows.nth(2).getAttribute('data-case')).toBe('PF-3');
  // Every live deadline of PF-1, the hour-counted ones first (by their instant), then the day-counted.
  const order = await rows.first().locator('ul.dl li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-deadline')));
  // INM's notice and, since mx-2027.2, the amparo a child's detention calls for (LM art. 99) are both due at
  // the detention instant; then the 36 hours.
  expect([...order.slice(0, 2)].sort()).toEqual(['amparo_now', 'child_detention_notice']);
  expect(order[2]).toBe('detention_36h');
  expect(order.length).toBeGreaterThan(2);
  const line = rows.first().locator('li[data-deadline="detention_36h"]');
  expect(await line.textContent()).toMatch(/faltan 3[45] horas/);
  const clock = line.locator('.countdown');
  await eventually(async () => {
    const text = await clock.textContent();
    if (!/^3[45]:\d{2}:\d{2}$/.test(text ?? '')) throw new Error(`clock shows '${text}'`);
  }, 5000);
  expect(await clock.isVisible()).toBe(true);
  const first = await clock.textContent();
  await eventually(async () => {
    if ((await clock.textContent()) === first) throw new Error('not ticking');
  }, 5000);
  // The case page counts down the same way, beside its own hashed script (the event form's).
  await page.goto(`${h.base}/cases/PF-1?lang=es`);
  await eventually(async () => {
    const text = await page.textContent('tr[data-deadline="detention_36h"] .countdown');
    if (!/^3[45]:\d{2}:\d{2}$/.test(text ?? '')) throw new Error(`clock shows '${text}'`);
  }, 5000);
  expect(blocked.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
  await page.close();
});

test('without JavaScript the list still says how many hours are left, and no empty clock shows', async () => {
  const noJs = await launchBrowser({ width: 390, height: 844, javaScriptEnabled: false });
  try {
    const page = await login(noJs, 'ana');
    await page.goto(`${h.base}/cases?lang=es`);
    const line = page.locator('#cases tr[data-case="PF-1"] li[data-deadline="detention_36h"]');
    expect(await line.textContent()).toMatch(/faltan 3[45] horas/);
    expect(await line.locator('.countdown').isVisible()).toBe(false);
  } finally {
    await noJs.close();
  }
});

test('search and filters from the page, never past the scope; a supervisor sees who holds each case', async () => {
  const page = await login(phone, 'beto');
  await page.goto(`${h.base}/cases?lang=es`);
  expect(await page.locator('#cases tr[data-case="PF-1"] td[data-label="A cargo"]').textContent()).toBe('Ana');
  await page.fill('#case-filters input[name=q]', 'ramirez');
  await Promise.all([page.waitForNavigation(), page.click('#case-filters button[type=submit]')]);
  expect(await page.locator('#cases tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-case')))).toEqual(['PF-2']);
  await page.goto(`${h.base}/cases?overdue=1`);
  expect(await page.locator('#cases tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-case')))).toEqual(['PF-1', 'PF-2']);
  // Luis's case is not Beto's to see, whatever the filter says.
  await page.goto(`${h.base}/cases?caseworker=${STAFF.luis.id}&status=all`);
  expect(await page.locator('#cases tbody tr').count()).toBe(0);
  expect(await page.locator('#no-cases').count()).toBe(1);
  // A bad filter names its field, and the page still lists the cases.
  const bad = await page.goto(`${h.base}/cases?status=sideways`);
  expect(bad?.status()).toBe(400);
  expect(await page.getAttribute('.error', 'data-field')).toBe('status');
  expect(await page.locator('#cases tbody tr').count()).toBe(3);
  await page.close();
});

test('the inbox lists the alarm first, and each repeated button is named for its deadline and case', async () => {
  const page = await login(wide, 'beto');
  await page.goto(`${h.base}/inbox?lang=es`);
  const rows = page.locator('#inbox-deadlines tbody tr');
  const order = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-deadline')));
  // The two immediate ones (INM's notice; since mx-2027.2 the amparo on a child's detention), then the 36 hours.
  expect([...order.slice(0, 2)].sort()).toEqual(['PF-1:amparo_now', 'PF-1:child_detention_notice']);
  expect(order[2]).toBe('PF-1:detention_36h');
  expect(order).toContain('PF-2:asylum_filing_window');
  const names = await page.locator('#inbox-deadlines button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(names.length).toBeGreaterThan(1);
  expect(new Set(names).size).toBe(names.length);
  for (const n of names) expect(n).toMatch(/caso PF-\d/);

  // Search and filters narrow the inbox; none reaches past Beto's team.
  await page.fill('#inbox-filters input[name=q]', 'ramirez');
  await Promise.all([page.waitForNavigation(), page.click('#inbox-filters button[type=submit]')]);
  expect(await page.locator('#inbox-deadlines tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-deadline')))).toEqual(['PF-2:asylum_filing_window']);
  await page.goto(`${h.base}/inbox?caseworker=${STAFF.luis.id}`);
  expect(await page.locator('#inbox-deadlines tbody tr').count()).toBe(0);
  expect(await page.textContent('#inbox-nothing')).toContain('Ningún caso coincide');
  await page.close();
});
