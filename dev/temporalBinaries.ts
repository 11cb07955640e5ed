import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** Same shape as the SDK's EphemeralServerExecutable, without importing @temporalio/testing at runtime. */
export type ServerExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

const toolsBin = resolve(__dirname, '..', '.tools', 'bin');

/**
 * The binaries scripts/setup.sh installed (or the env override). Without them, the SDK downloads its own,
 * which works only on a machine with internet.
 */
function pick(envVar: string, fileName: string): ServerExecutable {
  const path = process.env[envVar] || resolve(toolsBin, fileName);
  return existsSync(path) ? { type: 'existing-path', path } : { type: 'cached-download' };
}

export const temporalCli = (): ServerExecutable => pick('TEMPORAL_CLI_PATH', 'temporal');
export const temporalTestServer = (): ServerExecutable => pick('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
