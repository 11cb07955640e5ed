import { readFileSync } from 'node:fs';

export { cmdline, descendantsOf } from '../dev/processTree';
import { cmdline, descendantsOf } from '../dev/processTree';

/** VmRSS in MB, or null when the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** User + system CPU seconds a process has used so far. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // clock ticks; 100 Hz on Linux
  } catch {
    return null;
  }
}

/** CPU seconds of a process, its reaped children and its live descendants (a server and its backends). */
export function treeCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let total = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    for (const d of descendantsOf(pid)) total += cpuSeconds(d) ?? 0;
    return Math.round(total * 100) / 100;
  } catch {
    return null;
  }
}

/** Descendants of this process whose command line matches (e.g. the Temporal dev server, Postgres). */
export function findDescendants(match: RegExp): number[] {
  return descendantsOf(process.pid).filter((p) => match.test(cmdline(p)));
}

/** Proportional set size in MB of a process and its live descendants (shared pages counted once overall). */
export function treePssMb(pid: number): number | null {
  const pssOf = (p: number) => {
    try {
      const m = /^Pss:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  if (rssMb(pid) === null) return null;
  const total = [pid, ...descendantsOf(pid)].reduce((sum, p) => sum + pssOf(p), 0);
  return Math.round(total * 10) / 10;
}
