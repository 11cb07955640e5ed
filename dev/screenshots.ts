/**
 * Screenshots of the running demo for docs/screenshots/ (start `make demo` first):
 *   npx tsx dev/screenshots.ts [http://localhost:3000]
 * Logs in as the demo people with the tokens in .data/demo-tokens.json, through Debian's chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser } from '../test/browser';

const root = resolve(__dirname, '..');
const base = process.argv[2] ?? `http://localhost:${process.env.DEMO_API_PORT ?? 3000}`;
const tokens = JSON.parse(readFileSync(resolve(root, '.data', 'demo-tokens.json'), 'utf8')) as Record<string, { api: string }>;
const out = resolve(root, 'docs', 'screenshots');

/** Today + n days in Mexico City (UTC−6), YYYY-MM-DD. */
const inDays = (n: number) => new Date(Date.now() - 6 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

const shots: { file: string; user: string; path: string; height?: number; width?: number; print?: boolean; fullPage?: boolean }[] = [
  { file: 'caseworker-cases.png', user: 'cw-ana', path: '/cases?lang=es', height: 820 },
  { file: 'case-page.png', user: 'cw-ana', path: '/cases/DEMO-04?lang=es', height: 1500 },
  { file: 'case-page-extension-en.png', user: 'cw-luis', path: '/cases/DEMO-03?lang=en', height: 1300 },
  { file: 'supervisor-inbox.png', user: 'sup-beto', path: '/inbox?lang=es', height: 1000 },
  { file: 'admin-overlays.png', user: 'adm-eva', path: '/admin/overlays?lang=en', height: 1100 },
  { file: 'new-case-form.png', user: 'cw-ana', path: '/cases/new?lang=es', height: 1000 },
  { file: 'admin-users.png', user: 'adm-eva', path: '/admin/users?lang=en', height: 1100 },
  // Next week: the demo's deadlines fall after today.
  { file: 'agenda-week.png', user: 'law-carla', path: `/agenda?lang=es&from=${inDays(7)}`, height: 1100 },
  { file: 'agenda-390.png', user: 'cw-ana', path: '/agenda?lang=es', width: 390, height: 844 },
  { file: 'dashboard.png', user: 'dir-dora', path: '/dashboard?lang=es', height: 1900 },
  { file: 'dashboard-390.png', user: 'sup-beto', path: '/dashboard?lang=es', width: 390, height: 844 },
  { file: 'case-page-print.png', user: 'law-carla', path: '/cases/DEMO-04?lang=es', print: true, fullPage: true },
  { file: 'cases-calendar-link.png', user: 'cw-ana', path: '/cases?lang=es#calendar', height: 900 },
];

/** A computation record as a lawyer downloads it (docs/constancia-example.pdf). */
const pdfs: { file: string; user: string; path: string }[] = [{ file: 'constancia-example.pdf', user: 'law-carla', path: '/cases/DEMO-03/constancia.pdf?lang=es' }];

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  for (const s of shots) {
    const browser = await launchBrowser({ width: s.width ?? 1280, height: s.height ?? 900 });
    try {
      const page = await browser.context.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#token', tokens[s.user]!.api);
      await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
      await page.goto(`${base}${s.path}`);
      if (s.print) await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: resolve(out, s.file), fullPage: s.fullPage ?? false });
      process.stdout.write(`docs/screenshots/${s.file}\n`);
    } finally {
      await browser.close();
    }
  }
  for (const p of pdfs) {
    const res = await fetch(`${base}${p.path}`, { headers: { cookie: `plazo_session=${encodeURIComponent(tokens[p.user]!.api)}` } });
    if (!res.ok) throw new Error(`${p.path}: ${res.status}`);
    writeFileSync(resolve(root, 'docs', p.file), Buffer.from(await res.arrayBuffer()));
    process.stdout.write(`docs/${p.file}\n`);
  }
}

main().catch((err: Error) => {
  process.stderr.write(`screenshots: ${err.message}\n`);
  process.exit(1);
});
