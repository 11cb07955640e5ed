/**
 * Screenshots of the running demo for docs/screenshots/ (start `make demo` first):
 *   npx tsx dev/screenshots.ts [http://localhost:3000]
 * Logs in as the demo people with the tokens in .data/demo-tokens.json, through Debian's chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { launchBrowser } from '../test/browser';
import { todayInMexico } from '../domain/time/instant';

const root = resolve(__dirname, '..');
const base = process.argv[2] ?? `http://localhost:${process.env.DEMO_API_PORT ?? 3000}`;
const tokens = JSON.parse(readFileSync(resolve(root, '.data', 'demo-tokens.json'), 'utf8')) as Record<string, { api: string }>;
const out = resolve(root, 'docs', 'screenshots');

/** Today + n days in Mexico City, YYYY-MM-DD. */
const inDays = (n: number) => todayInMexico(Date.now() + n * 86_400_000);

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
      await Promise.all([page.waitForNavigation(), page.click('#token-form button[type=submit]')]);
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
    const pdf = Buffer.from(await res.arrayBuffer());
    writeFileSync(resolve(root, 'docs', p.file), pdf);
    process.stdout.write(`docs/${p.file}\n`);
    await pdfPageShot(pdf, resolve(out, p.file.replace(/\.pdf$/, '.png')));
  }
}

/** The first page of a PDF as a PNG: pdf.js draws it on a canvas in chromium (served from a throwaway local server). */
async function pdfPageShot(pdf: Buffer, file: string): Promise<void> {
  const pdfjs = resolve(root, 'node_modules', 'pdfjs-dist', 'build');
  const page = `<!doctype html><canvas id="c"></canvas><script type="module">
import * as pdfjs from '/pdf.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.mjs';
const doc = await pdfjs.getDocument('/doc.pdf').promise;
const p = await doc.getPage(1);
const v = p.getViewport({ scale: 1.5 });
const c = document.getElementById('c'); c.width = v.width; c.height = v.height;
await p.render({ canvasContext: c.getContext('2d'), viewport: v, canvas: c }).promise;
document.body.dataset.done = '1';
</script>`;
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (url === '/doc.pdf') return res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    if (url === '/pdf.mjs' || url === '/pdf.worker.mjs') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(resolve(pdfjs, url.slice(1))));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await launchBrowser({ width: 900, height: 1263 });
  try {
    const tab = await browser.context.newPage();
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForSelector('body[data-done="1"]', { timeout: 30_000 });
    await tab.locator('#c').screenshot({ path: file });
    process.stdout.write(`${file.slice(root.length + 1)}\n`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`screenshots: ${err.message}\n`);
  process.exit(1);
});
