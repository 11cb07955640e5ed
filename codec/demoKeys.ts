/**
 * The demo's codec key: PLAZO_CODEC_KEYS when set, otherwise one generated on the first run and kept in
 * .data/codec-keys (gitignored, deleted with the rest of the demo data) so histories stay readable.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newCodecKeysValue } from './keys';

export function demoCodecKeys(dataDir: string): { value: string; source: string } {
  if (process.env.PLAZO_CODEC_KEYS) return { value: process.env.PLAZO_CODEC_KEYS, source: 'PLAZO_CODEC_KEYS' };
  const file = resolve(dataDir, 'codec-keys');
  if (!existsSync(file)) {
    writeFileSync(file, `${newCodecKeysValue('demo')}\n`, { mode: 0o600 });
    return { value: readFileSync(file, 'utf8').trim(), source: `${file} (generated now; a demo key, never use it in production)` };
  }
  return { value: readFileSync(file, 'utf8').trim(), source: `${file} (demo key)` };
}
