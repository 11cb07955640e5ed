/**
 * What `make demo` (dev/demo.ts) and `make prod-local` (dev/prodLocal.ts) share: settings from the
 * environment, the project's processes started and watched, the addresses printed, and one shutdown that
 * leaves nothing behind — on Ctrl+C, on SIGINT, SIGTERM or SIGHUP to the launcher alone, when a service
 * exits, or when starting fails.
 */
import { Runtime } from '@temporalio/worker';
import { resolve } from 'node:path';
import { startService, type Service } from './processes';
import { onStopSignals } from './stopSignals';
import { childrenOf, cmdline, descendantRefs, processRef, stopProcesses, type ProcessRef } from './processTree';

export const root = resolve(__dirname, '..');

/** A whole number from the environment (a port, a count), or the fallback; anything else stops the launcher naming the variable. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const v = Number(raw ?? fallback);
  if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: expected a whole number, got ${raw}`);
  return v;
}

export interface Launcher {
  /** One line of progress, prefixed with the launcher's name. */
  step(msg: string): void;
  /** A library's own teardown (the SDK's dev server, the mail catcher…), run once every process is stopped; last added first, each bounded. */
  onStop(stop: () => Promise<unknown>): void;
  /** One of the project's entry points as a process (dev/processes.ts); once everything runs, its exit stops everything. */
  service(entry: string, env: Record<string, string>, nodeFlags?: string[]): Service;
}

/** What is printed once everything runs: a title, the addresses (label, value), then any further lines. */
export interface Running {
  title: string;
  addresses: [label: string, value: string][];
  more?: string;
}

/** Postgres URLs are printed without their password. */
export const hidePassword = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

/**
 * Runs `start`, prints what it returns, and stays until told to stop. With `exitAfterStart` it stops as soon
 * as everything runs (a smoke test of the whole start).
 */
export function launch(name: string, opts: { exitAfterStart: boolean }, start: (l: Launcher) => Promise<Running>): void {
  const step = (msg: string) => process.stdout.write(`[${name}] ${msg}\n`);
  const stops: (() => Promise<unknown>)[] = [];
  const services: Service[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return; // Ctrl+C twice, or a service exiting while we stop
    stopping = true;
    step('stopping…');
    // Nothing may end this process before everything it started is stopped (a failing teardown included:
    // the error handlers below only report it now).
    const keepAlive = setInterval(() => undefined, 1000);
    // The processes first, by signal, each waited for until gone: a library teardown was once seen to end
    // this process halfway, leaving the dev server running under init. The project's services first (the
    // workers drain through a Temporal server still up), then everything else this process started.
    // tsx's own esbuild service, which this very process runs its code through, is spared.
    const spared = new Set(childrenOf(process.pid).filter((p) => /esbuild/.test(cmdline(p))));
    const tree = () => descendantRefs(process.pid).filter((r) => !spared.has(r.pid));
    const serviceTrees = services.flatMap((s) => (s.proc.pid ? [processRef(s.proc.pid), ...descendantRefs(s.proc.pid)] : [])).flatMap((r) => r ?? []);
    const report = (left: ProcessRef[]) => left.forEach((r) => step(`could not stop ${r.pid} (${r.cmdline})`));
    report([...(await stopProcesses(serviceTrees)), ...(await stopProcesses(tree()))]);
    // Bounded: a teardown waiting on a process that is already gone (Postgres, the dev server) never returns.
    for (const stop of [...stops].reverse()) await Promise.race([stop().catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
    // Anything a start still under way spawned meanwhile (a signal can come while the dev server starts).
    report(await stopProcesses(tree()));
    clearInterval(keepAlive);
    process.exit(code);
  };

  // The SDK's runtime would shut itself down on SIGINT before we tear the dev server down, orphaning it.
  Runtime.install({ shutdownSignals: [] });
  // A signal to this process alone (not only a terminal's Ctrl+C to the whole group) stops everything, and
  // only the launcher answers it (dev/stopSignals.ts).
  onStopSignals(() => void shutdown(0));
  // An error nobody caught stops everything too, rather than ending this process with its children left running.
  const failed = (err: unknown) => {
    step(`${stopping ? 'while stopping' : 'ERROR'}: ${err instanceof Error ? err.message : String(err)}`);
    void shutdown(1);
  };
  process.on('uncaughtException', failed);
  process.on('unhandledRejection', failed);

  const launcher: Launcher = {
    step,
    onStop: (stop) => void stops.push(stop),
    service(entry, env, nodeFlags) {
      if (stopping) throw new Error(`stopping: ${entry} not started`);
      const s = startService(entry, env, nodeFlags);
      services.push(s);
      return s;
    },
  };
  void (async () => {
    try {
      const running = await start(launcher);
      const width = Math.max(...running.addresses.map(([label]) => label.length)) + 1;
      process.stdout.write(`\n${running.title}\n${running.addresses.map(([label, value]) => `  ${label.padEnd(width)}${value}`).join('\n')}\n${running.more ?? ''}Press Ctrl+C to stop.\n`);
      if (opts.exitAfterStart) return void (await shutdown(0));
      for (const s of services) {
        void s.exited().then((code) => {
          if (stopping) return;
          step(`a service exited (${code}); its output:\n${s.output().slice(-2000)}`);
          void shutdown(1);
        });
      }
    } catch (err) {
      process.stderr.write(`[${name}] ERROR: ${err instanceof Error ? err.message : String(err)}\n`);
      await shutdown(1);
    }
  })();
}
