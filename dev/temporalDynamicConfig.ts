import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The dynamic config of every Temporal Plazo runs on: the real server reads the file, compose mounts it. */
export const DYNAMIC_CONFIG_PATH = resolve(__dirname, 'temporalDynamicConfig.yaml');

/**
 * The same settings as `temporal server start-dev` flags (`--dynamic-config-value KEY=JSON`), so the dev
 * server of the demo, the tests and the bench runs as the real server does. Only unconstrained values
 * can be flags: a constrained one is refused rather than silently widened.
 */
export function devServerDynamicConfigArgs(): string[] {
  const config = parse(readFileSync(DYNAMIC_CONFIG_PATH, 'utf8')) as Record<string, { value: unknown; constraints?: Record<string, unknown> }[]>;
  return Object.entries(config).flatMap(([key, values]) => {
    if (values.length !== 1 || Object.keys(values[0]!.constraints ?? {}).length > 0) throw new Error(`${DYNAMIC_CONFIG_PATH}: ${key}: only one unconstrained value can be given to the dev server`);
    return ['--dynamic-config-value', `${key}=${JSON.stringify(values[0]!.value)}`];
  });
}
