/**
 * The pages in a real headless browser (Debian's chromium via playwright-core) against the real stack:
 * log in with a token, see the cases by urgency, record an event with the form and see the deadline it
 * opens, see the case refuse an invalid one, switch language, escalate as a supervisor, add a DOF
 * closure as an admin and see which cases it moved.
 */
import type { Page } from 'playwright-core';
import { daysAgo, eventually, startApiHarness, STAFF, type ApiHarness, type StaffKey } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('web-pages'), launchBrowser()]);
  const open = await h.http('POST', '/api/cases', {
    as: 'eva', // only an admin chooses a case id
    body: {
      caseId: 'WEB-1',
      child: { name: 'Yesenia <b>Ramírez</b>', nationality: 'Guatemala' },
      entryDate: daysAgo(10),
      assignments: { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id },
    },
  });
  expect(open.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

async function login(page: Page, who: StaffKey): Promise<void> {
  await page.goto(`${h.base}/`);
  await page.waitForURL(/\/login/);
  await submitTokenForm(page, h.tokens[who]);
}

test('a caseworker logs in with a token, sees her cases, records an event and sees the deadline appear', async () => {
  const page = await browser.context.newPage();
  await login(page, 'ana');
  expect(page.url()).toBe(`${h.base}/cases`);
  const row = page.locator('#cases tr[data-case="WEB-1"]');
  await expect(row.textContent()).resolves.toContain('faltan');
  expect(await row.getAttribute('class')).toMatch(/^row-(ok|soon|urgent)$/);
  // The child's name is text, never markup.
  expect(await row.locator('td').nth(1).textContent()).toContain('Yesenia <b>Ramírez</b>');

  await Promise.all([page.waitForNavigation(), row.locator('a').first().click()]);
  expect(page.url()).toBe(`${h.base}/cases/WEB-1`);
  expect(await page.locator('tr[data-deadline="comar_decision"]').count()).toBe(0);
  const how = await page.locator('tr[data-deadline="asylum_filing_window"] + tr.how').textContent();
  expect(how).toContain('LRPCAP art. 18');
  expect(how).toMatch(/\d+ días no hábiles omitidos/);
  // The Temporal UI is an operator's console: no link for a caseworker (an admin's page has it, below).
  expect(await page.locator('#temporal-link').count()).toBe(0);
  expect(await page.locator('a[href^="http://temporal-ui.test"]').count()).toBe(0);

  // The form shows only the fields of the chosen event.
  await page.selectOption('#ev-type', 'detention_started');
  expect(await page.isVisible('input[name=place]')).toBe(true);
  await page.selectOption('#ev-type', 'asylum_claim_filed');
  expect(await page.isVisible('input[name=place]')).toBe(false);
  await page.fill('input[name=date]', daysAgo(2));
  await page.fill('textarea[name=note]', 'presentada en Tapachula');
  await Promise.all([page.waitForNavigation(), page.click('#event-form button[type=submit]')]);
  expect(await page.textContent('.flash')).toContain('Registrado');
  const decision = page.locator('tr[data-deadline="comar_decision"]');
  expect(await decision.textContent()).toContain('LRPCAP art. 24');
  expect(await decision.textContent()).toMatch(/faltan \d+ días hábiles/);
  expect(await page.textContent('#timeline-table')).toContain('presentada en Tapachula');

  // An event the case refuses: the page says which field and why, and nothing changes.
  await page.selectOption('#ev-type', 'detention_ended');
  // Yesterday, so the hour the suite runs at can never make it "in the future".
  await page.fill('input[name=date]', daysAgo(1));
  await page.fill('input[name=time]', '10:00');
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#event-form button[type=submit]')]);
  expect(response?.status()).toBe(422);
  expect(await page.getAttribute('.error', 'data-field')).toBe('type');
  expect(await page.textContent('.error')).toContain('no está detenido');

  await page.goto(`${h.base}/cases/WEB-1?lang=en`);
  expect(await page.textContent('h2#deadlines')).toBe('Deadlines');
  expect(await page.locator('tr[data-deadline="comar_decision"]').textContent()).toMatch(/\d+ business days left/);
  await page.close();
});

test('a supervisor escalates from the case page; an admin adds a DOF closure and sees the case it moved', async () => {
  const sup = await browser.context.newPage();
  await sup.context().clearCookies();
  await login(sup, 'beto');
  expect(sup.url()).toBe(`${h.base}/inbox`);
  await sup.goto(`${h.base}/cases/WEB-1`);
  await sup.selectOption('#escalate-form select[name=deadlineId]', 'comar_decision');
  await sup.fill('#escalate-form textarea[name=reason]', 'COMAR lleva semanas sin responder');
  await Promise.all([sup.waitForNavigation(), sup.click('#escalate-form button[type=submit]')]);
  expect(await sup.textContent('.flash')).toBeTruthy();
  await eventually(async () => {
    await sup.reload();
    expect(await sup.textContent('#timeline-table')).toContain('COMAR lleva semanas sin responder');
  });
  await sup.goto(`${h.base}/inbox`);
  expect(await sup.textContent('main')).toContain('COMAR lleva semanas sin responder');
  await sup.close();

  const admin = await browser.context.newPage();
  await admin.context().clearCookies();
  await login(admin, 'eva');
  expect(admin.url()).toBe(`${h.base}/admin/overlays`);
  const state = (await h.http('GET', '/api/cases/WEB-1', { as: 'eva' })).json;
  const decision = state.deadlines.find((d: any) => d.deadlineId === 'comar_decision');
  await admin.fill('input[name=id]', 'comar-web-closure');
  await admin.selectOption('select[name=kind]', 'closure');
  await admin.fill('input[name=start]', decision.trigger);
  await admin.fill('input[name=end]', decision.due);
  await admin.selectOption('select[name=agency]', 'COMAR');
  await admin.fill('input[name=dof]', daysAgo(0));
  await admin.fill('textarea[name=title]', 'Acuerdo por el que la COMAR suspende labores (prueba)');
  await Promise.all([admin.waitForNavigation(), admin.click('#overlay-form button[type=submit]')]);
  expect(admin.url()).toContain('/admin/overlays?added=comar-web-closure');
  await eventually(async () => {
    await admin.reload();
    expect(await admin.textContent('tr[data-overlay="comar-web-closure"] td.moved')).toContain('WEB-1');
  });
  // An admin (the operator) is linked to the case in the Temporal UI.
  await admin.goto(`${h.base}/cases/WEB-1`);
  expect(await admin.getAttribute('#temporal-link', 'href')).toBe('http://temporal-ui.test/namespaces/default/workflows/case-WEB-1');
  await admin.close();
});

test('without a session the pages send to the login form; a bad token is refused', async () => {
  const page = await browser.context.newPage();
  await page.context().clearCookies();
  await page.goto(`${h.base}/cases/WEB-1`);
  expect(page.url()).toContain('/login?next=%2Fcases%2FWEB-1');
  const response = await submitTokenForm(page, 'plz_definitely-not-a-token');
  expect(response?.status()).toBe(401);
  expect(await page.textContent('.error')).toContain('token');
  await page.close();
});
