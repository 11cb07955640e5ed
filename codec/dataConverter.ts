/** The data converter every Plazo client and worker uses: default JSON conversion, then AES-GCM. */
import type { DataConverter } from '@temporalio/common';
import { AesGcmCodec } from './aesGcmCodec';
import { parseCodecKeys, type CodecKeys } from './keys';

export function plazoDataConverter(keys: CodecKeys): DataConverter {
  return { payloadCodecs: [new AesGcmCodec(keys)] };
}

/** From the raw PLAZO_CODEC_KEYS value; throws CodecKeyError with a clear message when missing or short. */
export function dataConverterFromEnv(value: string | undefined): DataConverter {
  return plazoDataConverter(parseCodecKeys(value));
}
