/**
 * Screenshots of the running demo for docs/screenshots/ (start `make demo` first):
 *   npx tsx dev/screenshots.ts [http://localhost:3000]
 * Logs in as the demo people with the tokens in .data/demo-tokens.json, through Debian's chromium.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser } from '../test/browser';

const root = resolve(__dirname, '..');
const base = process.argv[2] ?? `http://localhost:${process.env.DEMO_API_PORT ?? 3000}`;
const tokens = JSON.parse(readFileSync(resolve(root, '.data', 'demo-tokens.json'), 'utf8')) as Record<string, { api: string }>;
const out = resolve(root, 'docs', 'screenshots');

const shots: { file: string; user: string; path: string; height?: number }[] = [
  { file: 'caseworker-cases.png', user: 'cw-ana', path: '/cases?lang=es', height: 820 },
  { file: 'case-page.png', user: 'cw-ana', path: '/cases/DEMO-04?lang=es', height: 1500 },
  { file: 'case-page-extension-en.png', user: 'cw-luis', path: '/cases/DEMO-03?lang=en', height: 1300 },
  { file: 'supervisor-inbox.png', user: 'sup-beto', path: '/inbox?lang=es', height: 1000 },
  { file: 'admin-overlays.png', user: 'adm-eva', path: '/admin/overlays?lang=en', height: 1100 },
  { file: 'new-case-form.png', user: 'cw-ana', path: '/cases/new?lang=es', height: 1000 },
  { file: 'admin-users.png', user: 'adm-eva', path: '/admin/users?lang=en', height: 1100 },
];

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  for (const s of shots) {
    const browser = await launchBrowser({ width: 1280, height: s.height ?? 900 });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#token', tokens[s.user]!.api);
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      await page.goto(`${base}${s.path}`);
      await page.screenshot({ path: resolve(out, s.file), fullPage: false });
      process.stdout.write(`docs/screenshots/${s.file}\n`);
    } finally {
      await browser.close();
    }
  }
}

main().catch((err: Error) => {
  process.stderr.write(`screenshots: ${err.message}\n`);
  process.exit(1);
});
