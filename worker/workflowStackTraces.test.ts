import { execFileSync } from 'node:child_process';

/**
 * patches/@temporalio+worker: the SDK's per-promise stack traces (a source-mapped stack captured for every
 * promise a workflow creates, for the UI's stack-trace view) are off unless PLAZO_WORKFLOW_STACK_TRACES=1:
 * they were ~40 % of replaying a case (docs/performance.md). Checked in a child process: installing the
 * hooks is process-wide.
 */
const hookInstalled = (env: Record<string, string>): boolean => {
  const script = "const { globalHandlers } = require('@temporalio/worker/lib/workflow/vm-shared'); globalHandlers.install(); process.stdout.write(String(globalHandlers.promiseHookInstalled));";
  return execFileSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: __dirname, encoding: 'utf8' }) === 'true';
};

test('workflow promise stack traces are off by default (postinstall applied the patch)', () => {
  expect(hookInstalled({})).toBe(false);
});

test('PLAZO_WORKFLOW_STACK_TRACES=1 turns them back on', () => {
  expect(hookInstalled({ PLAZO_WORKFLOW_STACK_TRACES: '1' })).toBe(true);
});
