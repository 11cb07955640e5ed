/**
 * Login CSRF and framing in a real browser (Debian's chromium via playwright-core) against the real
 * stack. The attacker's pages are served from another site (http://localhost:<port>, while Plazo is at
 * http://127.0.0.1:<port>): one auto-submits the login form with the attacker's token, one posts
 * /logout, one frames Plazo's pages. None of it may work; Plazo's own login form must.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { startApiHarness, type ApiHarness } from './apiHarness';
import { launchBrowser, submitTokenForm, type Browser } from './browser';

let h: ApiHarness;
let browser: Browser;
let attacker: Server;
let evil: string;
/** What the attacker's site serves at each path. */
const pages = new Map<string, string>();

beforeAll(async () => {
  [h, browser] = await Promise.all([startApiHarness('hostile-browser'), launchBrowser()]);
  attacker = createServer((req, res) => {
    const body = pages.get(req.url ?? '') ?? 'nothing here';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  evil = `http://localhost:${(attacker.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => attacker?.close(r));
  await h?.teardown();
});

const autoSubmit = (action: string, fields: Record<string, string>) =>
  `<!doctype html><form id="f" method="post" action="${action}">${Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
    .join('')}</form><script>document.getElementById('f').submit()</script>`;

async function sessionCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies(h.base)).find((c) => c.name === 'plazo_session')?.value;
}

async function loginWithForm(page: Page, token: string): Promise<void> {
  await page.goto(`${h.base}/login`);
  await submitTokenForm(page, token);
}

test("a page on another site cannot sign the victim in as the attacker (login CSRF), nor sign her out", async () => {
  const page = await browser.context.newPage();
  pages.set('/login-csrf', autoSubmit(`${h.base}/login`, { token: h.tokens.luis, next: '/cases' }));
  const refused = page.waitForResponse((r) => r.url() === `${h.base}/login` && r.request().method() === 'POST');
  await page.goto(`${evil}/login-csrf`);
  expect((await refused).status()).toBe(403);
  expect(await sessionCookie(page)).toBeUndefined();
  await page.goto(`${h.base}/cases`);
  expect(page.url()).toMatch(/\/login\?next=/);

  // Ana signs in with Plazo's own form: that works.
  await loginWithForm(page, h.tokens.ana);
  expect(page.url()).toBe(`${h.base}/cases`);
  // A session of her own (app/people/sessions.ts), not the token itself.
  const anas = await sessionCookie(page);
  expect(anas).toBeDefined();
  expect(anas).not.toBe(h.tokens.ana);

  // The attacker's page cannot replace her session with Luis's, nor end it.
  await page.goto(`${evil}/login-csrf`);
  await page.waitForLoadState('load');
  expect(await sessionCookie(page)).toBe(anas);
  pages.set('/logout-csrf', autoSubmit(`${h.base}/logout`, {}));
  const logout = page.waitForResponse((r) => r.url() === `${h.base}/logout`);
  await page.goto(`${evil}/logout-csrf`);
  expect((await logout).status()).toBe(403);
  expect(await sessionCookie(page)).toBe(anas);
  await page.goto(`${h.base}/cases`);
  expect(page.url()).toBe(`${h.base}/cases`);
  expect(await page.textContent('header .who')).toContain('Ana');
  await page.close();
});

test("Plazo's pages cannot be framed by another site", async () => {
  const page = await browser.context.newPage();
  await loginWithForm(page, h.tokens.ana);
  pages.set('/frame', `<!doctype html><iframe id="a" src="${h.base}/login"></iframe><iframe id="b" src="${h.base}/cases"></iframe>`);
  const blocked: string[] = [];
  page.on('console', (m) => blocked.push(m.text()));
  await page.goto(`${evil}/frame`);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  const children = page.frames().filter((f) => f !== page.mainFrame());
  expect(children).toHaveLength(2);
  for (const frame of children) {
    // A refused frame shows the browser's error page: no Plazo markup reaches it.
    const content = await frame.content().catch(() => '');
    expect(content).not.toContain('Plazo');
  }
  expect(blocked.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
  await page.close();
});
