import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { testDataConverter } from '../test/codecKeys';

/**
 * `npm run bench:replay [-- history-name N]`: how long replaying one recorded case takes (what a worker
 * pays when an evicted case wakes), N times through the SDK's replayer with the production bundle
 * (`npm run build` first). `PLAZO_WORKFLOW_STACK_TRACES=1 npm run bench:replay` compares with the SDK's
 * per-promise stack traces on (patches/). Prints one JSON line.
 */
async function main(): Promise<void> {
  const name = process.argv[2] ?? 'whole-case-local-activities';
  const n = Number(process.argv[3] ?? 60);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`N: expected a positive integer, got ${process.argv[3]}`);
  const history = temporal.api.history.v1.History.decode(readFileSync(resolve(__dirname, '..', 'test', 'histories', `${name}.history.bin`)));
  const bundle = { codePath: resolve(__dirname, '..', 'dist', 'workflow-bundle.js') };
  // A history recorded since the codec seals payloads to their workflow is replayed under that workflow's id.
  const idFile = resolve(__dirname, '..', 'test', 'histories', `${name}.workflow-id`);
  const workflowId = existsSync(idFile) ? readFileSync(idFile, 'utf8').trim() : undefined;
  const histories = Array.from({ length: n }, (_, i) => ({ workflowId: workflowId ?? `replay-${i}`, history }));
  const t0 = performance.now();
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle, dataConverter: testDataConverter() }, histories)) if (r.error) throw r.error;
  const ms = (performance.now() - t0) / n;
  const result = { history: name, events: history.events.length, replays: n, msPerReplay: Math.round(ms * 10) / 10, workflowStackTraces: process.env.PLAZO_WORKFLOW_STACK_TRACES === '1' };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:replay: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
