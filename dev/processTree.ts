/**
 * The processes a process started, from /proc (Linux; elsewhere none are found): the bench measures
 * them, and the demo makes sure none outlives it.
 */
import { readFileSync, readdirSync } from 'node:fs';

/** Direct children of a pid, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      // gone
    }
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

/** Whether a pid is still running (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
