import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { spawn } from 'node:child_process';
import { freePort } from '../dev/freePort';
import { temporalCli, temporalTestServer } from '../dev/temporalBinaries';
import { devServerDynamicConfigArgs } from '../dev/temporalDynamicConfig';
import { workflowBundleOptions } from '../worker/workflowBundleOptions';
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

/**
 * The real Temporal dev server (the Temporal CLI's `server start-dev`). With
 * PLAZO_TEST_DEV_SERVER=test-server (scripts/test-any-day.sh) the Java test server stands in, running on
 * the wall clock: libfaketime can move a Java server's clock but not a Go one's (Go reads the vDSO, not libc).
 */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  if (process.env.PLAZO_TEST_DEV_SERVER === 'test-server') return realTimeTestServerEnv();
  return TestWorkflowEnvironment.createLocal({ server: { executable: temporalCli(), extraArgs: devServerDynamicConfigArgs() }, client: { dataConverter: testDataConverter() } });
}

/** Java test server without --enable-time-skipping: timers run on the (possibly faked) wall clock. */
async function realTimeTestServerEnv(): Promise<TestWorkflowEnvironment> {
  const exe = temporalTestServer();
  if (exe.type !== 'existing-path') throw new Error('PLAZO_TEST_DEV_SERVER=test-server needs the test server installed by scripts/setup.sh');
  const port = await freePort();
  const server = spawn(exe.path, [String(port)], { stdio: 'ignore' });
  const address = `127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    try {
      const probe = await Connection.connect({ address, connectTimeout: 1000 });
      await probe.close();
      break;
    } catch (err) {
      if (tries > 60 || server.exitCode !== null) {
        server.kill('SIGKILL');
        throw new Error(`the Java test server did not start on ${address}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address, client: { dataConverter: testDataConverter() } });
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await teardown();
    server.kill('SIGTERM');
  };
  return env;
}

let bundle: Promise<WorkflowBundle> | undefined;
/** workflows/ bundled once per test file (webpack takes a few seconds), with the failure converter as in production. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ ...workflowBundleOptions(), logger: quietLogger });
  return bundle;
}

const noop = () => undefined;
export const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: console.error, log: noop };
