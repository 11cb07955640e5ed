/**
 * Debian's chromium driven by playwright-core: never a downloaded browser (scripts/setup.sh installs the
 * package). A fresh profile per launch, and every background feature that would reach the internet off.
 */
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_PATH = process.env.PLAZO_CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(opts: { width?: number; height?: number; javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no chromium at ${CHROMIUM_PATH}: run scripts/setup.sh (it installs Debian's chromium) or set PLAZO_CHROMIUM_PATH`);
  }
  // playwright-core takes the profile directory itself (it is passed to chromium as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'plazo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    timeout: 60_000,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the login page already open, with an API token through its token form; the page it lands on. */
export async function submitTokenForm(page: Page, token: string): Promise<Response | null> {
  await page.fill('#token', token);
  const [response] = await Promise.all([page.waitForNavigation(), page.click('#token-form button[type=submit]')]);
  return response;
}

/** A new page of `b`, signed in with `token` from the Spanish login page. */
export async function signedInPage(b: Browser, base: string, token: string): Promise<Page> {
  const page = await b.context.newPage();
  await page.goto(`${base}/login?lang=es`);
  await submitTokenForm(page, token);
  return page;
}
