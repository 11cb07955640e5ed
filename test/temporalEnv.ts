import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { temporalCli, temporalTestServer } from '../dev/temporalBinaries';
import { failureConverterPath } from '../codec/dataConverter';
import { testDataConverter } from './codecKeys';

// Worker state changes at INFO drown the test output; warnings and errors still show.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier test file in this process
}

/** Time-skipping test server (Java, installed by scripts/setup.sh): months of timers in seconds. */
export function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: temporalTestServer() }, client: { dataConverter: testDataConverter() } });
}

/** The real Temporal dev server (the Temporal CLI's `server start-dev`). */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({ server: { executable: temporalCli() }, client: { dataConverter: testDataConverter() } });
}

let bundle: Promise<WorkflowBundle> | undefined;
/** workflows/ bundled once per test file (webpack takes a few seconds), with the failure converter as in production. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath, logger: quietLogger });
  return bundle;
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
