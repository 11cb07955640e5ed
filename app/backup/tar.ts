/** GNU tar (on every Linux machine and in the images) as a child process: Plazo ships no archiver of its own. */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** tar exits 1 when a file changed while it was read: expected while Postgres runs (WAL replay repairs it). */
export interface TarRun {
  stdout: Readable;
  done: Promise<void>;
}

export function tar(args: string[], opts: { stdin?: 'pipe'; okCodes?: number[] } = {}): TarRun & { stdin: Writable | null } {
  const proc = spawn('tar', args, { stdio: [opts.stdin ?? 'ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => void (err = `${err}${c.toString()}`.slice(-4000)));
  const done = new Promise<void>((resolve, reject) => {
    proc.once('error', (e) => reject(new Error(`tar could not run (${e.message}): install GNU tar`)));
    proc.once('close', (code) => ((opts.okCodes ?? [0]).includes(code ?? -1) ? resolve() : reject(new Error(`tar ${args.join(' ')} failed (exit ${code}): ${err.trim()}`))));
  });
  return { stdout: proc.stdout!, stdin: proc.stdin, done };
}
