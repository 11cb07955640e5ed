/**
 * The case's clock between wakes: one durable timer, kept while the instant it waits for stays the same.
 * `condition(fn, timeout)` cancels its timer whenever something else wakes the case first (a delivery
 * noted on the timeline, an Update) and the next wait starts another for the same instant: at 09:00 that
 * was a TimerCanceled and a TimerStarted in history, and a timer deleted and written again in the server,
 * for every reminder that went out.
 */
import { CancellationScope, condition, sleep } from '@temporalio/workflow';

export interface WakeTimer {
  /** Waits until `woken()` or the instant `at` (epoch ms; undefined: only `woken()`); returns at once when `at` has passed. */
  until(at: number | undefined, woken: () => boolean): Promise<void>;
  /** Cancels the timer (the case closes). */
  stop(): void;
}

export function wakeTimer(): WakeTimer {
  let timer: { at: number; scope: CancellationScope; fired: boolean } | undefined;
  const stop = () => {
    timer?.scope.cancel();
    timer = undefined;
  };
  return {
    async until(at, woken) {
      if (timer && timer.at !== at) stop();
      if (at !== undefined && at <= Date.now()) return;
      if (at !== undefined && !timer) {
        const t = { at, scope: new CancellationScope(), fired: false };
        // Cancelled when the instant moves or the case closes: nothing to do then.
        void t.scope.run(() => sleep(at - Date.now())).then(
          () => (t.fired = true),
          () => undefined,
        );
        timer = t;
      }
      const t = timer;
      await condition(() => woken() || !!t?.fired);
      if (t?.fired) timer = undefined;
    },
    stop,
  };
}
