/**
 * AES-256-GCM payload codec: every payload a client or worker sends to Temporal is encrypted before it
 * leaves the process, so the server's history never holds a child's data in clear. Wire format of
 * temporalio/samples-typescript's encryption sample: encoding `binary/encrypted`, key id in metadata
 * `encryption-key-id`, data = 12-byte IV ‖ ciphertext ‖ 16-byte tag of the whole serialized payload.
 *
 * Bound to its case: the workflow id the SDK's serialization context names (the case's, for its start
 * input, Updates, queries, and the activities it schedules) is GCM additional data, and is written in
 * metadata `encryption-workflow-id`. A payload copied from case A into case B fails B's tag check: the
 * worker refuses it (below), so the Update fails and B is untouched. The id in metadata is what the
 * codec endpoint of the Temporal UI decodes against (the UI sends no workflow id); wherever the SDK gives
 * a context, the context's id is used and the metadata's is only compared for a clearer message.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Payload, type PayloadCodec, type SerializationContext, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { REFUSED_PAYLOAD_KEY } from '../domain/case/refusal';
import type { CodecKeys } from './keys';

export const ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
/**
 * The workflow a payload is sealed for; present (possibly empty: sealed for no workflow) on every payload
 * this codec writes. Payloads written before binding lack it and are decrypted without additional data,
 * so recorded histories keep replaying. The marker cannot be stripped to downgrade a new payload: the tag
 * covers the additional data, so a bound payload read as unbound fails its check.
 */
export const WORKFLOW_ID_METADATA = 'encryption-workflow-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);
/** Additional data for a payload sealed for `workflowId` ('' = no workflow). Versioned so it can change. */
const additionalData = (workflowId: string) => Buffer.from(`plazo-payload/v2/workflow:${workflowId}`, 'utf8');
/** The workflow whose payload this is: a workflow's own, or the one that scheduled an activity. */
export const workflowIdOf = (context: SerializationContext | undefined): string | undefined => context?.workflowId || undefined;

export interface AesGcmCodecOptions {
  /**
   * Workers: a payload not encrypted with a known key (a Temporal client without the key), or sealed for
   * another workflow (one copied from another case), is not data to act on. It decodes to a refusal
   * marker that the case workflow refuses with a clear error (domain/case/refusal.ts), so such a client
   * can neither start nor change a case.
   */
  refuseUnencrypted?: boolean;
}

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: CodecKeys,
    private readonly opts: AesGcmCodecOptions = {},
  ) {}

  /**
   * Without a workflow in the context (the SDK's own workflow-task failures, the UI's encode) a payload
   * is sealed for no workflow: readable, but no worker accepts it as a case's input.
   */
  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    const keyId = this.keys.encryptWith;
    const key = this.keys.keys.get(keyId)!;
    const workflowId = workflowIdOf(context) ?? '';
    return payloads.map((payload) => ({
      metadata: { encoding: utf8(ENCODING), [KEY_ID_METADATA]: utf8(keyId), [WORKFLOW_ID_METADATA]: utf8(workflowId) },
      data: encrypt(temporal.api.common.v1.Payload.encode(payload).finish(), key, additionalData(workflowId)),
    }));
  }

  async decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
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
      const sealedFor = text(payload.metadata?.[WORKFLOW_ID_METADATA]);
      // Written before binding: no additional data. Such payloads exist only in histories recorded before
      // this codec (every payload it writes carries the marker, and removing the marker breaks the tag),
      // so accepting them is what replay needs. What it leaves open, until those histories are gone: a
      // payload recorded BEFORE the upgrade could be copied into another case. Only Plazo's processes reach
      // the Temporal frontend (mTLS, docs/production.md), so copying one takes Plazo's client certificate.
      // The context's workflow when the SDK gives one; the codec endpoint (no context) reads the payload's own.
      const expected = sealedFor === undefined ? undefined : (workflowIdOf(context) ?? sealedFor);
      let plain: Uint8Array;
      try {
        plain = decrypt(payload.data, key, expected === undefined ? undefined : additionalData(expected));
      } catch (err) {
        const why = expected === sealedFor ? `cannot be decrypted (${(err as Error).message})` : `sealed for workflow "${sealedFor}", not for "${expected}"`;
        // A worker refuses it cleanly: throwing would fail the case's workflow task again on every retry.
        if (this.opts.refuseUnencrypted) return refused(why);
        throw new ValueError(`payload ${why}`);
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

function refused(why: string): Payload {
  return { metadata: { encoding: utf8('json/plain') }, data: utf8(JSON.stringify({ [REFUSED_PAYLOAD_KEY]: why })) };
}

function encrypt(plain: Uint8Array, key: Buffer, aad: Buffer): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function decrypt(data: Uint8Array, key: Buffer, aad?: Buffer): Uint8Array {
  const buf = Buffer.from(data);
  if (buf.length < IV_BYTES + TAG_BYTES) throw new ValueError('encrypted payload is too short');
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, IV_BYTES));
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]);
}
