/**
 * The demo stops everything it started when its own process — not the terminal's whole process group —
 * gets SIGINT or SIGTERM (issue 13: the dev server and the worker were left running). The real demo,
 * on free ports and a temporary data directory.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../dev/freePort';
import { alive, cmdline, descendantsOf } from '../dev/processTree';

const root = resolve(__dirname, '..');

test.each(['SIGINT', 'SIGTERM'] as const)('%s to the demo process alone: Postgres, the Temporal dev server, the worker and the API all stop', async (signal) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'plazo-demo-'));
  chmodSync(dataDir, 0o755); // run as root, Postgres runs as `postgres` and must reach its directory inside
  const names = ['DEMO_PG_PORT', 'DEMO_TEMPORAL_PORT', 'DEMO_TEMPORAL_UI_PORT', 'DEMO_SMTP_PORT', 'DEMO_MAIL_WEB_PORT', 'DEMO_API_PORT'];
  const env: Record<string, string> = { ...process.env, DEMO_DATA_DIR: dataDir } as Record<string, string>;
  for (const n of names) env[n] = String(await freePort());
  // Its own process group, so that nothing but the signal below reaches it.
  const demo = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'dev/demo.ts')], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  demo.stdout.on('data', (c: Buffer) => (out += c.toString()));
  demo.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((res) => demo.once('exit', () => res()));
  let started: number[] = [];
  try {
    for (const until = Date.now() + 240_000; !out.includes('Plazo is running.'); ) {
      if (demo.exitCode !== null || Date.now() > until) throw new Error(`the demo did not start:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    started = descendantsOf(demo.pid!);
    const what = started.map(cmdline).join('\n');
    for (const expected of [/postgres/, /temporal.* server start-dev/, /worker\/main\.ts/, /client\/api\/main\.ts/]) expect(what).toMatch(expected);

    process.kill(demo.pid!, signal);
    await exited;
    // Given a moment for processes that are on their way out.
    for (let i = 0; i < 50 && started.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
    expect(started.filter(alive).map((p) => `${p} ${cmdline(p)}`)).toEqual([]);
  } finally {
    for (const p of [demo.pid!, ...started]) if (alive(p)) process.kill(p, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 300_000);
