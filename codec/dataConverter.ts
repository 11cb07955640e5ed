/**
 * The data converter every Plazo client and worker uses: default JSON conversion, failures with their
 * message and stack trace moved into a payload (codec/failureConverter.ts), then AES-GCM on every payload.
 */
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aesGcmCodec';
import { parseCodecKeys, type CodecKeys } from './keys';

/**
 * The module with the `failureConverter` export. Workflow code runs its own copy of the converter inside
 * the bundle, so every workflow bundle must be built with it: `bundleWorkflowCode({ workflowsPath,
 * failureConverterPath })`. A worker given `workflowsPath` bundles with `dataConverter.failureConverterPath`;
 * one given a prebuilt `workflowBundle` runs whatever converter the bundle was built with.
 */
export const failureConverterPath = require.resolve('./failureConverter');

export function plazoDataConverter(keys: CodecKeys): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(keys)], failureConverterPath };
}

/** A worker's: what is not encrypted with a known key is refused, not acted on (AesGcmCodecOptions). */
export function plazoWorkerDataConverter(keys: CodecKeys): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(keys, { refuseUnencrypted: true })], failureConverterPath };
}

/** From the raw PLAZO_CODEC_KEYS value; throws CodecKeyError with a clear message when missing or short. */
export function dataConverterFromEnv(value: string | undefined): DataConverter {
  return plazoDataConverter(parseCodecKeys(value));
}
