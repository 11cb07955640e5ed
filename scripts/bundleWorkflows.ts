/**
 * Writes dist/workflow-bundle.js, the workflow code as the worker loads it, so a production worker never
 * runs webpack (about 100 MB less at start; docs/performance.md). Run by `npm run build` after tsc.
 * Built with Plazo's failure converter (codec/failureConverter.ts), as every workflow bundle must be.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { workflowBundleOptions } from '../worker/workflowBundleOptions';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  // The failure converter and the preloaded modules go into the bundle: a worker given a prebuilt bundle cannot add them later.
  const { code } = await bundleWorkflowCode(workflowBundleOptions());
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle: ${out} (${Math.round(code.length / 1024)} KiB)\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bundleWorkflows: ${err.message}\n`);
  process.exit(1);
});
