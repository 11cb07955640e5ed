import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');

export interface Service {
  proc: ChildProcess;
  output(): string;
  /** Resolves when the combined output matches; rejects if the process exits first or on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
  /** Sends `signal` and waits for the exit; with `killAfterMs`, a process still running then is SIGKILLed (a teardown must end). */
  stop(signal?: NodeJS.Signals, killAfterMs?: number): Promise<number | null>;
}

/**
 * Runs one of the project's entry points as a real process: a source file (worker/main.ts) with tsx as
 * node's loader, or a compiled one (dist/worker/main.js, from `npm run build`); node flags go first.
 */
export function startService(entry: string, env: Record<string, string>, nodeFlags: string[] = []): Service {
  // One process either way: tsx as node's loader, not the tsx CLI, whose child would outlive a SIGKILL sent
  // to it (and keep polling Temporal, as a worker "killed" by a test once did).
  const loader = entry.endsWith('.js') ? [] : ['--import', 'tsx'];
  return startProcess(process.execPath, [...nodeFlags, ...loader, resolve(root, entry)], env, entry);
}

/**
 * Any program as a watched process (the Temporal server, Postgres): its output kept to wait on, its exit
 * awaited. `keepOutput` caps what is kept (a server's log can grow for hours); the tail is what tells.
 */
export function startProcess(command: string, args: string[], env: Record<string, string>, label = command, keepOutput = 1_000_000): Service {
  const proc = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const logFile = serviceLogFile(label, proc.pid);
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    if (logFile) appendFileSync(logFile, chunk);
    if (out.length > keepOutput) out = out.slice(-keepOutput / 2);
    for (const l of listeners) l();
  };
  proc.stdout!.on('data', onData);
  proc.stderr!.on('data', onData);
  const exit = new Promise<number | null>((res) => proc.once('exit', (code) => res(code)));
  return {
    proc,
    output: () => out,
    waitForOutput(pattern, timeoutMs = 60_000) {
      return new Promise((res, rej) => {
        const check = () => {
          if (pattern.test(out)) done(res);
        };
        const timer = setTimeout(() => done(() => rej(new Error(`${label}: no output matching ${pattern} in ${timeoutMs} ms:\n${out.slice(-5000)}`))), timeoutMs);
        const done = (fn: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          fn();
        };
        listeners.add(check);
        void exit.then((code) => done(() => (pattern.test(out) ? res() : rej(new Error(`${label} exited (${code}) before ${pattern}:\n${out.slice(-5000)}`)))));
        check();
      });
    },
    exited: () => exit,
    async stop(signal = 'SIGTERM', killAfterMs?: number) {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      if (killAfterMs === undefined) return exit;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((res) => (timer = setTimeout(res, killAfterMs)));
      const code = await Promise.race([exit, late.then(() => 'late' as const)]);
      clearTimeout(timer);
      if (code !== 'late') return code;
      process.stderr.write(`${label} still running ${killAfterMs} ms after ${signal}: SIGKILL\n`);
      proc.kill('SIGKILL');
      return exit;
    },
  };
}

/**
 * PLAZO_SERVICE_LOG_DIR: every started process's whole output also goes to a file there (`worker-main-<pid>.log`),
 * to read after a test has torn its processes down (a SIGKILLed worker's last words, a server's errors).
 */
function serviceLogFile(label: string, pid: number | undefined): string | undefined {
  const dir = process.env.PLAZO_SERVICE_LOG_DIR;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return resolve(dir, `${label.replace(/\.[jt]s$/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${pid ?? 'nopid'}.log`);
}

/** package.json's start:worker, `[NAME=value…] node [flags] dist/worker/main.js`: what the bench and test/productionWorker.e2e.test.ts run, exactly as production does. */
export function productionWorkerCommand(): { entry: string; nodeFlags: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const script = pkg.scripts['start:worker'] ?? '';
  const words = script.split(/\s+/).filter(Boolean);
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [k, ...v] = words.shift()!.split('=');
    env[k!] = v.join('=');
  }
  const [node, ...rest] = words;
  const entry = rest.pop();
  if (node !== 'node' || !entry?.endsWith('.js')) throw new Error(`package.json start:worker: expected "[NAME=value…] node [flags] dist/….js", got ${script}`);
  return { entry, nodeFlags: rest, env };
}
