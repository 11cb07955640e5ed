/**
 * Writes dist/workflow-bundle.js, the workflow code as the worker loads it, so a production worker never
 * runs webpack (about 100 MB less at start; docs/performance.md). Run by `npm run build` after tsc.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
  process.stdout.write(`workflow bundle: ${out} (${Math.round(code.length / 1024)} KiB)\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`bundleWorkflows: ${err.message}\n`);
  process.exit(1);
});
