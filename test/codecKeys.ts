/**
 * A fixed codec key for tests only, derived from a public label: it protects nothing and must never be
 * used outside tests. Fixed so recorded histories stay decodable between runs.
 */
import { createHash } from 'node:crypto';
import { plazoDataConverter, plazoWorkerDataConverter } from '../codec/dataConverter';
import { parseCodecKeys } from '../codec/keys';

const testKey = (label: string) => createHash('sha256').update(label).digest('base64');
export const TEST_CODEC_KEYS = `test1:${testKey('plazo test key 1 — not a secret')}`;
/** Rotation: a newer key in front; payloads written with test1 still decrypt. */
export const TEST_CODEC_KEYS_ROTATED = `test2:${testKey('plazo test key 2 — not a secret')},${TEST_CODEC_KEYS}`;
export const testDataConverter = () => plazoDataConverter(parseCodecKeys(TEST_CODEC_KEYS));
/** What test workers run: refuses what is not encrypted with the test key, as production workers do. */
export const testWorkerDataConverter = () => plazoWorkerDataConverter(parseCodecKeys(TEST_CODEC_KEYS));
