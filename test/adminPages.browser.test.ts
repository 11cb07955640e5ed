/**
 * The two forms added for a real deployment, in headless chromium against the real stack: a caseworker
 * opens a case from the web (errors next to the field, nothing stored, then the case page); an admin adds
 * a person, issues a token shown once, the person logs in with it, the token is revoked and stops working.
 */
import type { Page, Response } from 'playwright-core';
import { daysAgo, startApiHarness, STAFF, type ApiHarness } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('admin-pages'), launchBrowser()]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await h?.teardown();
});

async function loginWith(page: Page, token: string): Promise<number | undefined> {
  await page.context().clearCookies();
  await page.goto(`${h.base}/login`);
  const response = await submitTokenForm(page, token);
  return response?.status();
}

const caseIds = async () => (await h.pg.db.selectFrom('cases').select('id').execute()).map((r) => r.id);

test('a caseworker opens a case from the web form: errors next to the field, then the case page', async () => {
  const page = await browser.context.newPage();
  await loginWith(page, h.tokens.ana);
  await page.goto(`${h.base}/cases`);
  await Promise.all([page.waitForNavigation(), page.click('#open-case-link')]);
  expect(page.url()).toBe(`${h.base}/cases/new`);
  // Ana is the caseworker unless she chooses otherwise.
  expect(await page.inputValue('select[name="assignments.caseworker"]')).toBe(STAFF.ana.id);

  // No name: 400, the message under the name input, nothing stored.
  await page.selectOption('select[name="assignments.supervisor"]', STAFF.beto.id);
  await page.selectOption('select[name="assignments.lawyer"]', STAFF.carla.id);
  let [response] = await Promise.all([page.waitForNavigation(), page.click('#new-case-form button[type=submit]')]);
  expect(response?.status()).toBe(400);
  expect(await page.getAttribute('input[name="child.name"]', 'aria-invalid')).toBe('true');
  expect(await page.textContent('label:has(input[name="child.name"]) .field-error')).toBeTruthy();

  // An entry date in the future: 422 next to that input; what was typed is still there.
  await page.fill('input[name="child.name"]', 'Yesenia <b>Ramírez</b>');
  await page.selectOption('select[name="child.nationality"]', 'GT');
  await page.selectOption('select[name="office"]', 'COMAR Tapachula');
  await page.fill('input[name="entryDate"]', '2044-01-01');
  [response] = await Promise.all([page.waitForNavigation(), page.click('#new-case-form button[type=submit]')]);
  expect(response?.status()).toBe(422);
  expect(await page.textContent('[data-error-for="entryDate"]')).toBe('La fecha de ingreso a México: está en el futuro.');
  expect(await page.inputValue('input[name="child.name"]')).toBe('Yesenia <b>Ramírez</b>');
  expect(await page.inputValue('select[name="assignments.lawyer"]')).toBe(STAFF.carla.id);
  expect(await page.inputValue('select[name="child.nationality"]')).toBe('GT');
  expect(await page.inputValue('select[name="office"]')).toBe('COMAR Tapachula');
  expect(await caseIds()).toEqual([]);

  // A caseworker gives her own file number; the server chooses the case id (only an admin chooses ids).
  expect(await page.locator('input[name="caseId"]').count()).toBe(0);
  await page.fill('input[name="entryDate"]', daysAgo(3));
  await page.fill('input[name="fileNumber"]', 'EXP-88/2026');
  [response] = await Promise.all([page.waitForNavigation(), page.click('#new-case-form button[type=submit]')]);
  expect(page.url()).toMatch(new RegExp(`^${h.base}/cases/C-\\d{4}-[A-Z0-9]{6}\\?done=opened$`));
  expect(await page.textContent('.flash')).toContain('Caso abierto');
  expect(await page.textContent('h1')).toContain('Yesenia <b>Ramírez</b>');
  expect(await page.textContent('#file-number')).toBe('EXP-88/2026');
  expect(await page.textContent('main')).toContain('Guatemala'); // stored as GT, named in the reader's language
  expect(await page.locator('tr[data-deadline="asylum_filing_window"]').count()).toBe(1);
  await page.close();
});

test('an admin may choose a case id; the same id again is a 409 next to it', async () => {
  const page = await browser.context.newPage();
  await loginWith(page, h.tokens.eva);
  let response: Response | null;
  await page.goto(`${h.base}/cases/new?lang=en`);
  await page.fill('input[name="child.name"]', 'Yesenia Ramírez');
  await page.fill('input[name="caseId"]', 'WEBNEW-1');
  await page.selectOption('select[name="assignments.caseworker"]', STAFF.ana.id);
  await page.selectOption('select[name="assignments.supervisor"]', STAFF.beto.id);
  await page.selectOption('select[name="assignments.lawyer"]', STAFF.carla.id);
  [response] = await Promise.all([page.waitForNavigation(), page.click('#new-case-form button[type=submit]')]);
  expect(page.url()).toBe(`${h.base}/cases/WEBNEW-1?done=opened`);

  // The same id again: 409 next to the case id.
  await page.goto(`${h.base}/cases/new?lang=en`);
  expect(await page.textContent('h1')).toBe('Open a case');
  await page.fill('input[name="child.name"]', 'Otro');
  await page.fill('input[name="caseId"]', 'WEBNEW-1');
  await page.selectOption('select[name="assignments.caseworker"]', STAFF.ana.id);
  await page.selectOption('select[name="assignments.supervisor"]', STAFF.beto.id);
  await page.selectOption('select[name="assignments.lawyer"]', STAFF.carla.id);
  [response] = await Promise.all([page.waitForNavigation(), page.click('#new-case-form button[type=submit]')]);
  expect(response?.status()).toBe(409);
  expect(await page.textContent('[data-error-for="caseId"]')).toContain('already exists');

  // A lawyer may not open cases: no link, and the page answers 403.
  await loginWith(page, h.tokens.carla);
  await page.goto(`${h.base}/cases`);
  expect(await page.locator('#open-case-link').count()).toBe(0);
  expect((await page.goto(`${h.base}/cases/new`))?.status()).toBe(403);
  await page.close();
});

test('an admin adds a person, issues a token shown once, the person logs in, the token is revoked and stops', async () => {
  const page = await browser.context.newPage();
  await loginWith(page, h.tokens.eva);
  await page.goto(`${h.base}/admin/users?lang=en`);
  expect(await page.textContent('h1')).toBe('People and tokens');

  // A bad email: the error under the email input, nobody added.
  await page.fill('#add-user-form input[name=name]', 'Marta Gómez');
  await page.fill('#add-user-form input[name=email]', 'marta-at-ong');
  await page.selectOption('#add-user-form select[name=role]', 'caseworker');
  await page.selectOption('#add-user-form select[name=team]', 'team-sur');
  let [response] = await Promise.all([page.waitForNavigation(), page.click('#add-user-form button[type=submit]')]);
  expect(response?.status()).toBe(400);
  expect(await page.textContent('[data-error-for="email"]')).toBe('must be an email address');
  expect(await page.inputValue('#add-user-form input[name=name]')).toBe('Marta Gómez');
  expect(await h.pg.db.selectFrom('users').select('id').where('name', '=', 'Marta Gómez').execute()).toEqual([]);

  await page.fill('#add-user-form input[name=email]', 'marta@ong.test');
  await Promise.all([page.waitForNavigation(), page.click('#add-user-form button[type=submit]')]);
  expect(await page.textContent('.flash')).toContain('Person added');
  const row = page.locator('tr[data-user="cw-marta"]');
  expect(await row.textContent()).toContain('marta@ong.test');

  // Issue: the token is on this page only.
  await row.locator('input[name=label]').fill('laptop');
  [response] = await Promise.all([page.waitForNavigation(), row.locator('button:has-text("Issue a token")').click()]);
  expect(response?.status()).toBe(201);
  const token = (await page.textContent('#new-token'))!;
  expect(token).toMatch(/^plz_/);
  await page.goto(`${h.base}/admin/users`);
  expect(await page.content()).not.toContain(token);
  expect(await page.locator('tr[data-user="cw-marta"] li[data-token]').textContent()).toContain('laptop');

  // Marta logs in with it. (One browser profile: logging in as someone else replaces the session cookie.)
  const marta = await browser.context.newPage();
  expect(await loginWith(marta, token)).toBe(200);
  expect(marta.url()).toBe(`${h.base}/cases`);
  expect(await marta.textContent('header .who')).toContain('Marta Gómez');
  const withSession = () => h.http('GET', '/cases', { as: null, headers: { cookie: `plazo_session=${encodeURIComponent(token)}` } });
  expect((await withSession()).status).toBe(200);

  // Revoked: her session, the login form and the API stop accepting it.
  await loginWith(page, h.tokens.eva);
  await page.goto(`${h.base}/admin/users?lang=en`);
  await Promise.all([page.waitForNavigation(), page.click('tr[data-user="cw-marta"] li[data-token] button')]);
  expect(await page.textContent('.flash')).toContain('Token revoked');
  expect(await page.textContent('tr[data-user="cw-marta"] li[data-token]')).toContain('revoked');
  const session = await withSession();
  expect({ status: session.status, location: session.headers.get('location') }).toEqual({ status: 303, location: '/login?next=%2Fcases' });
  expect((await h.http('GET', '/api/cases', { as: null, headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  expect(await loginWith(marta, token)).toBe(401);

  // Deactivate, then the issue form is gone and the row says inactive.
  await loginWith(page, h.tokens.eva);
  await page.goto(`${h.base}/admin/users?lang=en`);
  await Promise.all([page.waitForNavigation(), page.click('tr[data-user="cw-marta"] button:has-text("Deactivate")')]);
  expect(await page.textContent('.flash')).toContain('deactivated');
  expect(await page.locator('tr[data-user="cw-marta"] input[name=label]').count()).toBe(0);
  expect(await page.textContent('tr[data-user="cw-marta"]')).toContain('inactive');

  // A caseworker may not see the page.
  await loginWith(marta, h.tokens.ana);
  expect((await marta.goto(`${h.base}/admin/users`))?.status()).toBe(403);
  await marta.close();
  await page.close();
});

test('an admin keeps the lists on a page: a bad entry is refused naming its field and stores nothing; saved ones reach intake; a phone reads it', async () => {
  const page = await browser.context.newPage();
  await loginWith(page, h.tokens.eva);
  await page.goto(`${h.base}/admin/lists?lang=en`);
  expect(await page.textContent('h1')).toBe('Lists');
  const merida = () => h.pg.db.selectFrom('admin_list_entries').select(['name', 'data', 'aliases', 'active']).where('list', '=', 'offices').where('id', '=', 'comar-merida').execute();
  const submit = () => Promise.all([page.waitForNavigation(), page.click('#list-form button[type=submit]')]).then(([r]) => r);

  // An office in a zone that does not exist: 400, the error under the zone, what was typed kept, nothing stored.
  await page.fill('#list-form input[name=id]', 'comar-merida');
  await page.fill('#list-form input[name=name]', 'COMAR Mérida');
  await page.selectOption('#list-form select[name=agency]', 'COMAR');
  await page.fill('#list-form input[name=closesAt]', '17:00');
  await page.fill('#list-form input[name=zone]', 'Mars/Olympus');
  expect((await submit())?.status()).toBe(400);
  expect(await page.textContent('[data-error-for="zone"]')).toContain('IANA time zone');
  expect(await page.getAttribute('#list-form input[name=zone]', 'aria-invalid')).toBe('true');
  expect(await page.inputValue('#list-form input[name=name]')).toBe('COMAR Mérida');
  expect(await merida()).toEqual([]);

  // A closing hour that is not one, then an alias another office answers to: each next to its input.
  await page.fill('#list-form input[name=zone]', 'America/Merida');
  await page.fill('#list-form input[name=closesAt]', '25:00');
  expect((await submit())?.status()).toBe(400);
  expect(await page.textContent('[data-error-for="closesAt"]')).toContain('HH:MM');
  await page.fill('#list-form input[name=closesAt]', '17:00');
  await page.fill('#list-form textarea[name=aliases]', 'Mérida\nC.D.M.X.');
  expect((await submit())?.status()).toBe(422);
  expect(await page.textContent('[data-error-for="aliases"]')).toBe("'cdmx' already names 'COMAR CDMX'");
  expect(await merida()).toEqual([]);

  // Saved: listed with its hour and zone, and audited as the CLI's saves are.
  await page.fill('#list-form textarea[name=aliases]', 'Mérida');
  await submit();
  expect(page.url()).toBe(`${h.base}/admin/lists?list=offices&saved=comar-merida`);
  expect(await page.textContent('#flash')).toBe('Saved: COMAR Mérida.');
  expect(await page.textContent('tr[data-entry="comar-merida"]')).toContain('closes at 17:00, America/Merida');
  expect(await merida()).toEqual([{ name: 'COMAR Mérida', data: { agency: 'COMAR', closesAt: '17:00', zone: 'America/Merida' }, aliases: ['Mérida'], active: true }]);
  const audit = await h.pg.db.selectFrom('audit_log').select(['user_id', 'method', 'path']).where('action', '=', 'list.offices.save').execute();
  expect(audit).toEqual([{ user_id: STAFF.eva.id, method: 'POST', path: 'lists/offices/comar-merida' }]);
  // The API reads the same list.
  expect((await h.http('GET', '/api/lists/offices', { as: 'eva' })).json.map((o: { id: string }) => o.id)).toContain('comar-merida');

  // Changed through its own form (the id replaces it): retired, still listed as such.
  await Promise.all([page.waitForNavigation(), page.click('tr[data-entry="comar-merida"] a')]);
  expect(await page.textContent('#list-form h2')).toBe('Change COMAR Mérida');
  expect(await page.inputValue('#list-form input[name=zone]')).toBe('America/Merida');
  await page.uncheck('#list-form input[name=active]');
  await submit();
  expect(await page.textContent('tr[data-entry="comar-merida"]')).toContain('retired');

  // Nationalities: a word that names another country is refused; a demonym added reaches the intake.
  await page.goto(`${h.base}/admin/lists?list=nationalities&lang=es`);
  expect(await page.textContent('h1')).toBe('Listas');
  await page.selectOption('#list-form select[name=id]', 'bz');
  await page.fill('#list-form textarea[name=aliases]', 'beliceña, Honduras');
  expect((await submit())?.status()).toBe(400);
  expect(await page.textContent('[data-error-for="aliases"]')).toBe('Las otras formas de escribirlo: «Honduras» ya nombra Honduras.');
  await page.fill('#list-form textarea[name=aliases]', 'beliceña, beliceño');
  await submit();
  expect(await page.textContent('#flash')).toBe('Guardado: Belice.');
  const assignments = { caseworker: STAFF.ana.id, supervisor: STAFF.beto.id, lawyer: STAFF.carla.id };
  for (const [name, typed, code] of [['Dilcia', 'hondureña', 'HN'], ['Edwin', 'Guatemalteco', 'GT'], ['Kenia', 'beliceña', 'BZ']]) {
    const opened = await h.http('POST', '/api/cases', { as: 'eva', body: { child: { name, nationality: typed }, assignments } });
    expect(opened.status).toBe(201);
    const stored = await h.pg.db.selectFrom('cases').select('nationality').where('id', '=', opened.json.id).executeTakeFirstOrThrow();
    expect({ typed, nationality: stored.nationality }).toEqual({ typed, nationality: code });
  }

  // Places: the kinds of the list, a migration station among them.
  await page.goto(`${h.base}/admin/lists?list=places&lang=es`);
  await page.fill('#list-form input[name=id]', 'em-acayucan');
  await page.fill('#list-form input[name=name]', 'Estación Migratoria Acayucan');
  await page.selectOption('#list-form select[name=kind]', 'migration_station');
  await submit();
  expect(await page.textContent('tr[data-entry="em-acayucan"]')).toContain('estación migratoria');

  // Only admins: a caseworker gets 403 on the page and on the API.
  await loginWith(page, h.tokens.ana);
  expect((await page.goto(`${h.base}/admin/lists`))?.status()).toBe(403);
  expect((await h.http('POST', '/api/lists/offices', { as: 'ana', body: { id: 'x-office', name: 'X office', agency: 'INM' } })).status).toBe(403);
  await page.close();

  // At 390 px, in Spanish: every tab fits the width (nothing scrolls sideways).
  const phone = await launchBrowser({ width: 390, height: 844 });
  try {
    const small = await phone.context.newPage();
    await loginWith(small, h.tokens.eva);
    for (const list of ['offices', 'places', 'nationalities']) {
      await small.goto(`${h.base}/admin/lists?list=${list}&lang=es`);
      const { scroll, viewport } = await small.evaluate<{ scroll: number; viewport: number }>('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })');
      expect({ list, scroll: Math.min(scroll, viewport) }).toEqual({ list, scroll });
    }
  } finally {
    await phone.close();
  }
});
