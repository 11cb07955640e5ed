/**
 * The processes a process started, from /proc (Linux; elsewhere none are found): the bench measures
 * them, and the launchers (dev/launcher.ts) make sure none outlives them.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** /proc/<pid>/stat's fields after the command name (which may hold spaces and parentheses): [0] state, [1] ppid, [19] start time. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone
  }
}

/** Direct children of a pid, from /proc (Linux). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (/^\d+$/.test(d) && Number(statFields(Number(d))?.[1]) === pid) out.push(Number(d));
  }
  return out;
}

/** Every descendant of a pid, depth first. */
export function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  for (let guard = 0; stack.length && guard < 10_000; guard++) {
    const p = stack.pop()!;
    for (const c of childrenOf(p)) {
      out.push(c);
      stack.push(c);
    }
  }
  return out;
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
  } catch {
    return '';
  }
}

/** Whether a pid is running (a zombie counts as gone). Whether it is still the same process: `running`. */
export function alive(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/**
 * One process, not only its pid: pids are reused (32,768 of them by default, cycled through quickly on a busy
 * machine), so a pid seen once and looked up later may be another program; the start time tells them apart.
 */
export interface ProcessRef {
  pid: number;
  startTime: string;
  cmdline: string;
}

export function processRef(pid: number): ProcessRef | undefined {
  const startTime = statFields(pid)?.[19];
  return startTime === undefined ? undefined : { pid, startTime, cmdline: cmdline(pid) };
}

/** Every descendant of a pid as it is now. */
export function descendantRefs(pid: number): ProcessRef[] {
  return descendantsOf(pid).flatMap((p) => processRef(p) ?? []);
}

/** Whether this very process still runs (not a zombie, not another process given its pid since). */
export function running(ref: ProcessRef): boolean {
  const f = statFields(ref.pid);
  return f !== undefined && f[0] !== 'Z' && f[19] === ref.startTime;
}

function signal(ref: ProcessRef, sig: NodeJS.Signals): void {
  if (!running(ref)) return; // never a signal to a process that merely inherited the pid
  try {
    process.kill(ref.pid, sig);
  } catch {
    // gone in between
  }
}

async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
  return done();
}

/**
 * Stops processes and waits until they are gone: SIGINT (a fast, clean shutdown for Postgres, the Temporal
 * servers, the worker and the API alike; SIGTERM would make Postgres wait for its clients), SIGKILL to what
 * is left after `graceMs`, then waits for the kill to take effect: the signal is only queued, and a process
 * leaves /proc only once the kernel has torn it down. Returns what still runs after all that (nothing, unless
 * a process is stuck in the kernel).
 */
export async function stopProcesses(refs: ProcessRef[], graceMs = 5000): Promise<ProcessRef[]> {
  const left = () => refs.filter(running);
  for (const ref of left()) signal(ref, 'SIGINT');
  if (await until(() => left().length === 0, graceMs)) return [];
  for (const ref of left()) signal(ref, 'SIGKILL');
  await until(() => left().length === 0, 10_000);
  return left();
}
