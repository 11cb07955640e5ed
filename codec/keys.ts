/**
 * Codec keys from PLAZO_CODEC_KEYS: `id:base64key[,id:base64key…]`. The first key encrypts; all of
 * them decrypt, so a new key is added in front and an old one stays until no history needs it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface CodecKeys {
  /** Id of the key new payloads are encrypted with. */
  encryptWith: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class CodecKeyError extends Error {}

const KEY_ID = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a key id is 1–64 letters, digits, ".", "_" or "-"');
const HOW = 'set PLAZO_CODEC_KEYS to id:base64key, e.g. k1:$(openssl rand -base64 32)';

export function parseCodecKeys(value: string | undefined): CodecKeys {
  if (!value || !value.trim()) throw new CodecKeyError(`environment variable PLAZO_CODEC_KEYS is not set: ${HOW}`);
  const keys = new Map<string, Buffer>();
  let first: string | undefined;
  for (const entry of value.split(',').map((e) => e.trim())) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    if (colon < 1 || !KEY_ID.safeParse(id).success) throw new CodecKeyError(`environment variable PLAZO_CODEC_KEYS: "${id || entry.slice(0, 8)}" is not a valid key id: ${HOW}`);
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, 'base64');
    // Buffer.from ignores bad characters: round-trip to catch a typo instead of accepting a shorter key.
    if (key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
      throw new CodecKeyError(`environment variable PLAZO_CODEC_KEYS: key ${id} is not base64: ${HOW}`);
    }
    if (key.length !== 32) throw new CodecKeyError(`environment variable PLAZO_CODEC_KEYS: key ${id} is ${key.length} bytes, AES-256 needs exactly 32: ${HOW}`);
    if (keys.has(id)) throw new CodecKeyError(`environment variable PLAZO_CODEC_KEYS: key id ${id} appears twice`);
    keys.set(id, key);
    first ??= id;
  }
  return { encryptWith: first!, keys };
}

/** A fresh PLAZO_CODEC_KEYS value with one random key (demo and examples; production keys come from the operator). */
export function newCodecKeysValue(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}
