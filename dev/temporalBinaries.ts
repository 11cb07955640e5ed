import { existsSync, readFileSync } from 'node:fs';
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

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  configDir: string;
}

/**
 * The real Temporal server, its SQL schema tool and config template (scripts/setup.sh, section 6). No
 * download fallback. With a version, that build (`.tools/temporal-server-<version>/`), and its versioned
 * SQL schema (`schemaDir`, what `temporal-sql-tool update-schema -d` reads): an upgrade's target.
 */
export function temporalServerBinaries(): TemporalServerBinaries;
export function temporalServerBinaries(version: string): TemporalServerBinaries & { schemaDir: string };
export function temporalServerBinaries(version?: string): TemporalServerBinaries & { schemaDir?: string } {
  const built = version && resolve(toolsBin, '..', `temporal-server-${version}`);
  const paths = built
    ? { server: resolve(built, 'bin', 'temporal-server'), sqlTool: resolve(built, 'bin', 'temporal-sql-tool'), configDir: resolve(built, 'config'), schemaDir: resolve(built, 'schema') }
    : {
        server: process.env.TEMPORAL_SERVER_PATH || resolve(toolsBin, 'temporal-server'),
        sqlTool: process.env.TEMPORAL_SQL_TOOL_PATH || resolve(toolsBin, 'temporal-sql-tool'),
        configDir: process.env.TEMPORAL_SERVER_CONFIG_DIR || resolve(toolsBin, '..', 'temporal-server-config'),
      };
  const missing = Object.values(paths).filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`the Temporal server${version ? ` ${version}` : ''} is not installed (${missing.join(', ')} missing): run \`make setup\` (it builds it from its Go module; needs go)`);
  return paths;
}

/** The server versions scripts/setup.sh pins: the one in use (= docker-compose.yml's) and an upgrade's target. */
export function temporalServerVersions(): { current: string; next: string } {
  const setup = readFileSync(resolve(__dirname, '..', 'scripts', 'setup.sh'), 'utf8');
  const pin = (name: string) => {
    const v = new RegExp(`^${name}="(v[\\d.]+)"`, 'm').exec(setup)?.[1];
    if (!v) throw new Error(`scripts/setup.sh pins no ${name}`);
    return v;
  };
  return { current: pin('TEMPORAL_SERVER_VERSION'), next: pin('TEMPORAL_SERVER_NEXT_VERSION') };
}

/** The Temporal CLI's path (setup installs it; the production shape runs `temporal operator …` with it). */
export function temporalCliPath(): string {
  const exe = temporalCli();
  if (exe.type !== 'existing-path') throw new Error('the Temporal CLI is not installed: run `make setup`');
  return exe.path;
}
