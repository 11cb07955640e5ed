import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..');
const tsx = resolve(root, 'node_modules', '.bin', 'tsx');

export interface Service {
  proc: ChildProcess;
  output(): string;
  /** Resolves when the combined output matches; rejects if the process exits first or on timeout. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited(): Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Runs one of the project's entry points (worker/main.ts, client/api/main.ts) as a real process. */
export function startService(entry: string, env: Record<string, string>): Service {
  const proc = spawn(tsx, [resolve(root, entry)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
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
        const timer = setTimeout(() => done(() => rej(new Error(`${entry}: no output matching ${pattern} in ${timeoutMs} ms:\n${out}`))), timeoutMs);
        const done = (fn: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          fn();
        };
        listeners.add(check);
        void exit.then((code) => done(() => (pattern.test(out) ? res() : rej(new Error(`${entry} exited (${code}) before ${pattern}:\n${out}`)))));
        check();
      });
    },
    exited: () => exit,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exit;
    },
  };
}
