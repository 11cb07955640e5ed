/**
 * Draws the offline app's PNG icons from client/web/pwa/icon.svg with Debian's chromium (the manifest's
 * 192 and 512 px, and a maskable 512 px with the safe-zone margin):  npx tsx dev/pwaIcons.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchBrowser } from '../test/browser';

const dir = resolve(__dirname, '..', 'client', 'web', 'pwa');
const svg = readFileSync(resolve(dir, 'icon.svg'), 'utf8');

async function main(): Promise<void> {
  const shots = [
    { file: 'icon-192.png', size: 192, pad: 0 },
    { file: 'icon-512.png', size: 512, pad: 0 },
    // Maskable: the launcher may cut to a circle of 80 % of the side; the drawing keeps inside it.
    { file: 'icon-maskable-512.png', size: 512, pad: 0.12 },
  ];
  for (const s of shots) {
    const b = await launchBrowser({ width: s.size, height: s.size });
    try {
      const page = await b.context.newPage();
      const inner = Math.round(s.size * (1 - 2 * s.pad));
      const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      await page.setContent(`<body style="margin:0;background:#1f3a5f;display:grid;place-items:center;width:${s.size}px;height:${s.size}px"><img src="${src}" width="${inner}" height="${inner}"></body>`);
      await page.screenshot({ path: resolve(dir, s.file), clip: { x: 0, y: 0, width: s.size, height: s.size } });
      process.stdout.write(`client/web/pwa/${s.file}\n`);
    } finally {
      await b.close();
    }
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
