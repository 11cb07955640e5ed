import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

/** The dynamic config of every Temporal Plazo runs on: the real server reads the file, compose mounts it. */
export const DYNAMIC_CONFIG_PATH = resolve(__dirname, 'temporalDynamicConfig.yaml');

/**
 * The same settings as `temporal server start-dev` flags (`--dynamic-config-value KEY=JSON`), so the dev
 * server of the demo, the tests and the bench runs as the real server does. Only unconstrained values
 * can be flags: a constrained one is refused rather than silently widened.
 */
type DynamicConfig = Record<string, { value: unknown; constraints?: Record<string, unknown> }[]>;
const readConfig = () => parse(readFileSync(DYNAMIC_CONFIG_PATH, 'utf8')) as DynamicConfig;

export function devServerDynamicConfigArgs(): string[] {
  const config = readConfig();
  return Object.entries(config).flatMap(([key, values]) => {
    if (values.length !== 1 || Object.keys(values[0]!.constraints ?? {}).length > 0) throw new Error(`${DYNAMIC_CONFIG_PATH}: ${key}: only one unconstrained value can be given to the dev server`);
    return ['--dynamic-config-value', `${key}=${JSON.stringify(values[0]!.value)}`];
  });
}

/**
 * A copy of the file with some keys given other (unconstrained) values, in a temporary file; returns its
 * path. For the bench (`npm run bench:memory`), to measure a setting before it goes into the file.
 */
export function dynamicConfigWith(overrides: Record<string, unknown>): string {
  const config: DynamicConfig = { ...readConfig(), ...Object.fromEntries(Object.entries(overrides).map(([k, value]) => [k, [{ value, constraints: {} }]])) };
  const path = join(mkdtempSync(join(tmpdir(), 'plazo-dynamicconfig-')), 'dynamicconfig.yaml');
  writeFileSync(path, stringify(config));
  return path;
}
