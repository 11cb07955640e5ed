/**
 * Signing in like a person, in headless chromium against the API as production runs it (its own process,
 * its env, its SMTP): by an emailed link read from the real SMTP catcher, and by OpenID Connect against a
 * real provider (`oidc-provider`, dev/oidcProvider.mjs) started here — at 390 and 1280 px, in Spanish and
 * English. Then the refusals (expired, reused, deactivated person's link; revoked session; wrong OIDC
 * state), each leaving the sign-in tables as they were.
 */
import type { Page } from 'playwright-core';
import { freePort } from '../dev/freePort';
import type { Service } from '../dev/processes';
import type { CaughtMail } from '../dev/mailCatcher';
import { signInWords } from '../domain/messages/catalogue';
import { STAFF, type StaffKey } from './apiHarness';
import { launchBrowser, type Browser } from './browser';
import { startOidcProvider } from './oidcProvider';
import { eventually, startApiProcess, type ApiProcess } from './apiHarness';

let p: ApiProcess;
let idp: Service;
let wide: Browser;
let phone: Browser;
const CLIENT = { id: 'plazo-test', secret: 'plazo-test-secret-0123456789' };

beforeAll(async () => {
  const idpPort = await freePort();
  // The API asks the provider for its configuration on first use, so it can start first and tell the
  // provider its own callback address.
  p = await startApiProcess('sign-in', {
    OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
    OIDC_CLIENT_ID: CLIENT.id,
    OIDC_CLIENT_SECRET: CLIENT.secret,
    OIDC_NAME: 'Proveedor ONG',
  });
  [wide, phone, idp] = await Promise.all([
    launchBrowser({ width: 1280, height: 900 }),
    launchBrowser({ width: 390, height: 844 }),
    startOidcProvider(idpPort, CLIENT, `${p.base}/auth/oidc/callback`),
  ]);
}, 240_000);

afterAll(async () => {
  await wide?.close();
  await phone?.close();
  await idp?.stop();
  await p?.teardown();
});

const browserAt = (width: 390 | 1280) => (width === 390 ? phone : wide);

/** Everything sign-in writes: a refusal must leave all of it as it was. */
async function signInState() {
  const [sessions, links, users] = await Promise.all([
    p.pg.db.selectFrom('web_sessions').selectAll().orderBy('id').execute(),
    p.pg.db.selectFrom('sign_in_links').selectAll().orderBy('token_hash').execute(),
    p.pg.db.selectFrom('users').select(['id', 'active']).orderBy('id').execute(),
  ]);
  return { sessions, links, users };
}

const mailsTo = (who: StaffKey) => p.mail.messages.filter((m) => m.to.some((t) => t.includes(STAFF[who].email)));

/** Asks for a link on the login page and returns the mail that carries it. */
async function askForLink(page: Page, who: StaffKey, lang: 'es' | 'en'): Promise<CaughtMail> {
  const before = mailsTo(who).length;
  await page.goto(`${p.base}/login?lang=${lang}`);
  await page.fill('#email', STAFF[who].email.toUpperCase()); // addresses match whatever their case
  await Promise.all([page.waitForNavigation(), page.click('#email-form button[type=submit]')]);
  expect(await page.textContent('.flash')).toBe(signInWords(lang).linkSent);
  const mails = await p.mail.waitFor(before + 1, { match: (m) => m.to.some((t) => t.includes(STAFF[who].email)) });
  return mails[mails.length - 1]!;
}

const linkIn = (mail: CaughtMail) => /(http\S+\/login\/link\?token=[\w-]+)/.exec(mail.text)![1]!;

async function noHorizontalScroll(page: Page, width: number) {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

async function signedOut(page: Page) {
  await page.goto(`${p.base}/cases`);
  expect(new URL(page.url()).pathname).toBe('/login');
}

describe.each([
  ['es', 390, 'ana'],
  ['en', 1280, 'luis'],
  ['en', 390, 'beto'],
  ['es', 1280, 'sofia'],
] as const)('email link in %s at %i px', (lang, width, who) => {
  test(`${who} asks for a link, reads the mail in their language, opens it and is signed in on this device`, async () => {
    const page = await browserAt(width).context.newPage();
    await page.context().clearCookies();
    await page.goto(`${p.base}/login?lang=${lang}`);
    await noHorizontalScroll(page, width);
    const mail = await askForLink(page, who, lang);
    const w = signInWords(STAFF[who].language);
    expect(mail.subject).toBe(w.mailSubject);
    expect(mail.text).toContain(w.mailExpiry);
    // Only the hash of the secret is stored.
    const secret = new URL(linkIn(mail)).searchParams.get('token')!;
    expect(JSON.stringify(await p.pg.db.selectFrom('sign_in_links').selectAll().execute())).not.toContain(secret);

    // Opening the link does not use it (a mail scanner may fetch it); the button does.
    await page.goto(linkIn(mail));
    await noHorizontalScroll(page, width);
    expect(await p.pg.db.selectFrom('sign_in_links').select('used_at').where('user_id', '=', STAFF[who].id).where('used_at', 'is', null).execute()).toHaveLength(1);
    await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe(STAFF[who].role === 'supervisor' ? '/inbox' : '/cases');

    const cookie = (await page.context().cookies(p.base)).find((c) => c.name === 'plazo_session')!;
    expect({ httpOnly: cookie.httpOnly, sameSite: cookie.sameSite }).toEqual({ httpOnly: true, sameSite: 'Lax' });
    // 30 days from now, give or take the test's own run time.
    expect(cookie.expires * 1000 - Date.now()).toBeGreaterThan(29.9 * 86_400_000);

    await page.click('#my-sessions');
    await noHorizontalScroll(page, width);
    expect(await page.textContent('h1')).toBe(signInWords(lang).sessions);
    const mine = page.locator('#sessions li');
    expect(await mine.count()).toBe(1);
    expect(await mine.first().textContent()).toContain(signInWords(lang).thisDevice);
    expect(await mine.first().textContent()).toContain(signInWords(lang).viaEmail);
    expect(await mine.first().textContent()).toContain('Chrome');

    // Signing out ends this session on the server: its cookie, replayed, opens nothing.
    await Promise.all([page.waitForNavigation(), page.click('header form button')]);
    // Neither the link's secret nor the session's reaches the API's log (config/secretRedaction.ts).
    expect(p.api.output()).toContain('/login/link');
    expect(p.api.output()).not.toContain(secret);
    expect(p.api.output()).not.toContain(cookie.value);
    const replay = await fetch(`${p.base}/cases`, { headers: { cookie: `plazo_session=${cookie.value}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    const row = await p.pg.db.selectFrom('web_sessions').select(['revoked_by']).where('user_id', '=', STAFF[who].id).executeTakeFirstOrThrow();
    expect(row.revoked_by).toBe('logout');
    await page.close();
  });
});

describe.each([
  ['es', 390, 'carla'],
  ['en', 1280, 'diego'],
] as const)('OpenID Connect in %s at %i px', (lang, width, who) => {
  test(`${who} signs in with the organization's provider`, async () => {
    const page = await browserAt(width).context.newPage();
    await page.context().clearCookies();
    await page.goto(`${p.base}/login?lang=${lang}`);
    expect(await page.textContent('#oidc-link')).toBe(`${signInWords(lang).withProvider} Proveedor ONG`);
    await Promise.all([page.waitForNavigation(), page.click('#oidc-link')]);
    // The provider's own login page, on its own origin.
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
    expect(page.url().startsWith(p.base)).toBe(false);
    await page.fill('input[name=login]', STAFF[who].email);
    await page.fill('input[name=password]', 'anything');
    await Promise.all([page.waitForURL(`${p.base}/cases`), page.click('button[type=submit]')]);
    await noHorizontalScroll(page, width);
    await page.goto(`${p.base}/sessions`);
    expect(await page.locator('#sessions li').first().textContent()).toContain(signInWords(lang).viaOidc);
    const row = await p.pg.db.selectFrom('web_sessions').select(['method']).where('user_id', '=', STAFF[who].id).where('revoked_at', 'is', null).execute();
    expect(row).toEqual([{ method: 'oidc' }]);
    await page.close();
  });
});

describe('refusals leave everything as it was', () => {
  async function refusedLink(page: Page, link: string, lang: 'es' | 'en') {
    const before = await signInState();
    await page.goto(link);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('.error')).toContain(signInWords(lang).badLink);
    expect(await signInState()).toEqual(before);
    await signedOut(page);
  }

  test('an expired link', async () => {
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    const mail = await askForLink(page, 'dora', 'en');
    // The link was issued 15 minutes and 1 second ago.
    await p.pg.db.updateTable('sign_in_links').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', STAFF.dora.id).execute();
    await refusedLink(page, `${linkIn(mail)}&lang=en`, 'en');
    await page.close();
  });

  test('a link used once already', async () => {
    const page = await phone.context.newPage();
    await page.context().clearCookies();
    const mail = await askForLink(page, 'ana', 'es');
    await page.goto(linkIn(mail));
    await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    expect(new URL(page.url()).pathname).toBe('/cases');
    await page.context().clearCookies();
    await refusedLink(page, `${linkIn(mail)}&lang=es`, 'es');
    await page.close();
  });

  test("a deactivated person's link, and deactivation ends the sessions he had", async () => {
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    // Diego is signed in (OIDC above) and asks for a link too; then an admin deactivates him.
    const mail = await askForLink(page, 'diego', 'en');
    const live = () => p.pg.db.selectFrom('web_sessions').select('id').where('user_id', '=', STAFF.diego.id).where('revoked_at', 'is', null).execute();
    expect((await live()).length).toBeGreaterThan(0);
    const res = await fetch(`${p.base}/api/users/${STAFF.diego.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${p.tokens.eva}`, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    expect(await live()).toEqual([]);
    await refusedLink(page, `${linkIn(mail)}&lang=en`, 'en');
    await page.close();
  });

  test('a session the person ended from another device, and one an admin ended', async () => {
    // Device A: the browser. Device B: another client that opened a link of its own.
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    const first = await askForLink(page, 'sofia', 'es');
    await page.goto(linkIn(first));
    await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    const other = await wide.context.newPage();
    const second = await askForLink(other, 'sofia', 'es');
    await other.close();
    const opened = await fetch(`${p.base}/login/link`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mozilla/5.0 (Linux; Android 14) Firefox/130.0' }, body: `token=${new URL(linkIn(second)).searchParams.get('token')}`, redirect: 'manual' });
    expect(opened.status).toBe(303);
    const cookieB = /plazo_session=([^;]+)/.exec(opened.headers.get('set-cookie')!)![1]!;
    const asB = () => fetch(`${p.base}/inbox`, { headers: { cookie: `plazo_session=${cookieB}` }, redirect: 'manual' });
    expect((await asB()).status).toBe(200);

    await page.goto(`${p.base}/sessions?lang=es`);
    const deviceB = page.locator('#sessions li', { hasText: 'Firefox · Android' });
    expect(await deviceB.count()).toBe(1);
    const before = await signInState();
    await Promise.all([page.waitForNavigation(), deviceB.locator('button').click()]);
    expect(await page.textContent('.flash')).toBe(signInWords('es').sessionEnded);
    expect(await page.locator('#sessions li').count()).toBe(1);
    expect((await asB()).status).toBe(303);
    // Only B's row changed: revoked by Sofía herself.
    const after = await signInState();
    expect(after.sessions.filter((s) => s.revoked_at === null).length).toBe(before.sessions.filter((s) => s.revoked_at === null).length - 1);
    // Replaying B's cookie changes nothing more.
    await asB();
    expect(await signInState()).toEqual(after);

    // An admin, in another browser, ends device A from the users page.
    const adminPage = await phone.context.newPage();
    await adminPage.context().clearCookies();
    try {
      await adminPage.goto(`${p.base}/login`);
      await adminPage.fill('#token', p.tokens.eva);
      await Promise.all([adminPage.waitForNavigation(), adminPage.click('#token-form button[type=submit]')]);
      await adminPage.goto(`${p.base}/admin/users?lang=en`);
      const row = adminPage.locator(`tr[data-user="${STAFF.sofia.id}"]`);
      await row.locator('details.sessions summary').click();
      await Promise.all([adminPage.waitForNavigation(), row.locator('details.sessions li button').first().click()]);
      expect(await adminPage.textContent('.flash')).toBe(signInWords('en').sessionEnded);
    } finally {
      await adminPage.context().clearCookies();
      await adminPage.close();
    }
    // (Her session from the email-link test above ended when she signed out.)
    const ended = await p.pg.db.selectFrom('web_sessions').select(['revoked_by']).where('user_id', '=', STAFF.sofia.id).where('revoked_by', '!=', 'logout').orderBy('revoked_at').execute();
    expect(ended.map((r) => r.revoked_by)).toEqual([STAFF.sofia.id, STAFF.eva.id]);
    await signedOut(page);
    await page.close();
  });

  test("another site's page cannot use a link (login CSRF) nor end a session: 403, nothing changed", async () => {
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    const mail = await askForLink(page, 'dora', 'en');
    const token = new URL(linkIn(mail)).searchParams.get('token')!;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const before = await signInState();
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'http://evil.example' }] as Record<string, string>[]) {
      const res = await fetch(`${p.base}/login/link`, { method: 'POST', headers: { ...form, ...headers }, body: `token=${token}`, redirect: 'manual' });
      expect({ status: res.status, cookie: res.headers.get('set-cookie') }).toEqual({ status: 403, cookie: null });
    }
    expect(await signInState()).toEqual(before);
    // The link still works from Plazo's own page; then a cross-site post cannot end that session.
    await page.goto(linkIn(mail));
    await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    const cookie = (await page.context().cookies(p.base)).find((c) => c.name === 'plazo_session')!.value;
    const session = await p.pg.db.selectFrom('web_sessions').select('id').where('user_id', '=', STAFF.dora.id).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    const after = await signInState();
    const revoke = await fetch(`${p.base}/sessions/${session.id}/revoke`, { method: 'POST', headers: { ...form, 'sec-fetch-site': 'cross-site', cookie: `plazo_session=${cookie}` }, body: '', redirect: 'manual' });
    expect(revoke.status).toBe(403);
    expect(await signInState()).toEqual(after);
    await page.close();
  });

  test('a callback whose state is not the one this browser sent', async () => {
    const page = await phone.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${p.base}/login?lang=es`);
    await Promise.all([page.waitForNavigation(), page.click('#oidc-link')]);
    // The provider's page: the transaction cookie is set; the attacker's callback carries its own state and code.
    const before = await signInState();
    const response = await page.goto(`${p.base}/auth/oidc/callback?code=attacker-code&state=attacker-state`);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('.error')).toContain(signInWords('es').badOidc);
    expect(await signInState()).toEqual(before);
    await signedOut(page);
    await page.close();
  });

  test('a verified email that is no active person, and an unverified one', async () => {
    const page = await wide.context.newPage();
    for (const [login, status, message] of [
      ['nadie@ong.test', 403, signInWords('en').oidcNoPerson],
      [`unverified.${STAFF.ana.email}`, 401, signInWords('en').oidcUnverified],
    ] as const) {
      await page.context().clearCookies();
      await page.goto(`${p.base}/login?lang=en`);
      await Promise.all([page.waitForNavigation(), page.click('#oidc-link')]);
      const before = await signInState();
      await page.fill('input[name=login]', login);
      await page.fill('input[name=password]', 'anything');
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${p.base}/auth/oidc/callback`)), page.click('button[type=submit]')]);
      expect(response.status()).toBe(status);
      await page.waitForLoadState('load');
      expect(await page.textContent('.error')).toContain(message);
      expect(await signInState()).toEqual(before);
    }
    await page.close();
  });
});

describe('what a session opened by email can do', () => {
  test('a calendar feed asked for from it lives while its owner is active, not only while the session does', async () => {
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    const mail = await askForLink(page, 'carla', 'es');
    await page.goto(linkIn(mail));
    await Promise.all([page.waitForNavigation(), page.click('#link-form button[type=submit]')]);
    await page.goto(`${p.base}/cases`);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/calendar-link"] button')]);
    const webcal = await page.inputValue('#calendar-url');
    const feed = () => fetch(webcal.replace(/^webcal:\/\//, 'http://')).then((r) => r.status);
    expect(await feed()).toBe(200);
    expect(await p.pg.db.selectFrom('calendar_tokens').select('api_token_id').where('user_id', '=', STAFF.carla.id).execute()).toEqual([{ api_token_id: null }]);
    // Signing out of this device does not break her calendar app's subscription…
    await Promise.all([page.waitForNavigation(), page.click('header form button')]);
    expect(await feed()).toBe(200);
    // …deactivating her does.
    const res = await fetch(`${p.base}/api/users/${STAFF.carla.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${p.tokens.eva}`, 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) });
    expect(res.status).toBe(200);
    expect(await feed()).toBe(404);
    await page.close();
  });
});

describe('asking for a link tells nothing and is limited', () => {
  test('an unknown address gets the same answer and no mail; a fourth link in 15 minutes is not sent', async () => {
    const page = await wide.context.newPage();
    await page.context().clearCookies();
    const mailsBefore = p.mail.messages.length;
    await page.goto(`${p.base}/login?lang=es`);
    await page.fill('#email', 'nadie@ong.test');
    await Promise.all([page.waitForNavigation(), page.click('#email-form button[type=submit]')]);
    expect(await page.textContent('.flash')).toBe(signInWords('es').linkSent);
    // Ana asked for 2 links above; a third arrives, a fourth does not (the answer is the same).
    await askForLink(page, 'ana', 'es');
    const anaBefore = mailsTo('ana').length;
    // The answer does not wait for the mail (it takes as long for any address): the API logs the refusal.
    const refusals = () => p.api.output().split('\n').filter((l) => l.includes(`"userId":"${STAFF.ana.id}"`) && l.includes('sign-in link limit reached')).length;
    const refusalsBefore = refusals();
    await page.goto(`${p.base}/login?lang=es`);
    await page.fill('#email', STAFF.ana.email);
    await Promise.all([page.waitForNavigation(), page.click('#email-form button[type=submit]')]);
    expect(await page.textContent('.flash')).toBe(signInWords('es').linkSent);
    await eventually(async () => expect(refusals()).toBe(refusalsBefore + 1));
    expect(mailsTo('ana').length).toBe(anaBefore);
    expect(p.mail.messages.length).toBe(mailsBefore + 1);
    await page.close();
  });

  test('past 20 requests a minute from one address: 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const r = await fetch(`${p.base}/login/email`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=nadie%40ong.test', redirect: 'manual' });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(0, statuses.indexOf(429)).every((s) => s === 303)).toBe(true);
  });
});
