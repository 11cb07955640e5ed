/**
 * AES-256-GCM payload codec: every payload a client or worker sends to Temporal is encrypted before it
 * leaves the process, so the server's history never holds a child's data in clear. Same wire format as
 * temporalio/samples-typescript's encryption sample: encoding `binary/encrypted`, key id in metadata
 * `encryption-key-id`, data = 12-byte IV ‖ ciphertext ‖ 16-byte tag of the whole serialized payload.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { REFUSED_PAYLOAD_KEY } from '../domain/case/refusal';
import type { CodecKeys } from './keys';

export const ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export interface AesGcmCodecOptions {
  /**
   * Workers: a payload not encrypted with a known key (a Temporal client without the key) is not data
   * to act on. It decodes to a refusal marker that the case workflow refuses with a clear error
   * (domain/case/refusal.ts), so such a client can neither start nor change a case.
   */
  refuseUnencrypted?: boolean;
}

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: CodecKeys,
    private readonly opts: AesGcmCodecOptions = {},
  ) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keys.encryptWith;
    const key = this.keys.keys.get(keyId)!;
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCODING), [KEY_ID_METADATA]: utf8(keyId) },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encrypted = text(payload.metadata?.encoding) === ENCODING;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      const key = encrypted && keyId ? this.keys.keys.get(keyId) : undefined;
      if (this.opts.refuseUnencrypted && !key) {
        return refused(encrypted ? `encrypted with key "${keyId ?? '?'}", which this worker does not know` : 'not encrypted with a Plazo key');
      }
      // A client reading what was written before encryption: passed through unchanged.
      if (!encrypted) return payload;
      if (!key) throw new ValueError(`payload encrypted with key "${keyId ?? '?'}", which is not in PLAZO_CODEC_KEYS`);
      if (!payload.data) throw new ValueError('encrypted payload without data');
      return temporal.api.common.v1.Payload.decode(decrypt(payload.data, key));
    });
  }
}

function refused(why: string): Payload {
  return { metadata: { encoding: utf8('json/plain') }, data: utf8(JSON.stringify({ [REFUSED_PAYLOAD_KEY]: why })) };
}

function encrypt(plain: Uint8Array, key: Buffer): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(data: Uint8Array, key: Buffer): Uint8Array {
  const buf = Buffer.from(data);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}
