/**
 * A launcher (`make demo`, `make prod-local`: dev/launcher.ts) signalled in its own process alone — not
 * the terminal's whole process group — stops everything it started before it exits (issue 13: the dev
 * server and the worker were left running). The real launcher, on free ports and a temporary data directory.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../dev/freePort';
import { descendantRefs, running, type ProcessRef } from '../dev/processTree';

const root = resolve(__dirname, '..');

export interface LauncherUnderTest {
  /** The launcher's source, run as `make demo` runs it (tsx as node's loader). */
  script: string;
  /** The variables that move its ports (each given a free one) and its data directory. */
  portVars: string[];
  dataDirVar: string;
  env?: Record<string, string>;
  /**
   * How it runs: `loader`, node with tsx as its loader (one process); `tsx-command`, the `tsx` command as
   * `npm run demo` runs it (a parent that relays the signal to the launcher, and SIGKILLs it 30 ms later
   * unless the launcher's tsx handler answers). The signal goes to the outermost process.
   */
  via?: 'loader' | 'tsx-command';
  /** The line it prints once everything runs. */
  ready: string;
  /** One pattern per process it must have started (checked first, so the test cannot pass vacuously). */
  expected: RegExp[];
}

export async function signalAndCheckNothingLeft(l: LauncherUnderTest, signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plazo-launcher-'));
  chmodSync(dataDir, 0o755); // run as root, Postgres runs as `postgres` and must reach its directory inside
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...l.env, [l.dataDirVar]: dataDir };
  for (const n of l.portVars) env[n] = String(await freePort());
  // Its own process group, so that nothing but the signal below reaches it.
  const args = l.via === 'tsx-command' ? [resolve(root, 'node_modules/tsx/dist/cli.mjs'), resolve(root, l.script)] : ['--import', 'tsx', resolve(root, l.script)];
  const launcher = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  launcher.stdout.on('data', (c: Buffer) => (out += c.toString()));
  launcher.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((res) => launcher.once('exit', (code) => res(code)));
  let started: ProcessRef[] = [];
  try {
    for (const until = Date.now() + 240_000; !out.includes(l.ready); ) {
      if (launcher.exitCode !== null || Date.now() > until) throw new Error(`${l.script} did not start:\n${out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    // Each process with its start time: a pid the kernel hands to another program meanwhile is not taken for it.
    started = descendantRefs(launcher.pid!);
    const what = started.map((r) => r.cmdline).join('\n');
    for (const expected of l.expected) expect(what).toMatch(expected);

    process.kill(launcher.pid!, signal);
    const code = await exited;
    // The launcher exits only once all it started is gone: nothing may run the moment it has exited.
    expect({ code, left: started.filter(running).map((r) => `${r.pid} ${r.cmdline}`) }).toEqual({ code: 0, left: [] });
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- ${l.script}'s output:\n${out.slice(-3000)}`);
  } finally {
    for (const r of started) if (running(r)) process.kill(r.pid, 'SIGKILL');
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
