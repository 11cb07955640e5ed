import { createCipheriv, randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TEST_CODEC_KEYS, TEST_CODEC_KEYS_ROTATED } from '../test/codecKeys';
import { AesGcmCodec, ENCODING, KEY_ID_METADATA, WORKFLOW_ID_METADATA } from './aesGcmCodec';
import { newCodecKeysValue, parseCodecKeys } from './keys';
import { refusal } from '../domain/case/refusal';

const child = { name: 'Mariana Quetzal Ñúñez', birthDate: '2011-04-02' };
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');

describe('AES-256-GCM payload codec', () => {
  const codec = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS));

  test('round-trips a payload and leaves no clear text in the encoded one', async () => {
    const plain = defaultPayloadConverter.toPayload(child);
    const [encoded] = await codec.encode([plain]);
    expect(text(encoded!.metadata!.encoding)).toBe(ENCODING);
    expect(text(encoded!.metadata![KEY_ID_METADATA])).toBe('test1');
    expect(Buffer.from(encoded!.data!).includes('Mariana')).toBe(false);
    expect(Buffer.from(encoded!.data!).includes('2011-04-02')).toBe(false);
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(child);
  });

  test('a fresh IV each time: the same value never encrypts to the same bytes', async () => {
    const plain = defaultPayloadConverter.toPayload(child);
    const [a, b] = await codec.encode([plain, plain]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  test('rotation: the new key encrypts, payloads of the old key still decrypt', async () => {
    const rotated = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS_ROTATED));
    const [old] = await codec.encode([defaultPayloadConverter.toPayload(child)]);
    const [fresh] = await rotated.encode([defaultPayloadConverter.toPayload(child)]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('test2');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(child);
    // Without the new key the old codec cannot read it, and says which key is missing.
    await expect(codec.decode([fresh!])).rejects.toThrow(/key "test2", which is not in PLAZO_CODEC_KEYS/);
  });

  test('a tampered payload or a wrong key with the same id is refused, never decoded to garbage', async () => {
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(child)]);
    const tampered = Buffer.from(encoded!.data!);
    tampered[20]! ^= 1;
    await expect(codec.decode([{ ...encoded!, data: tampered }])).rejects.toThrow();
    const impostor = new AesGcmCodec(parseCodecKeys(newCodecKeysValue('test1')));
    await expect(impostor.decode([encoded!])).rejects.toThrow();
  });

  test('payloads written before encryption pass through decode unchanged', async () => {
    const plain = defaultPayloadConverter.toPayload('hola');
    expect(await codec.decode([plain])).toEqual([plain]);
  });
});

describe('a payload is bound to the case it was written for', () => {
  const codec = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS));
  const worker = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS), { refuseUnencrypted: true });
  const caseA = { type: 'workflow', namespace: 'default', workflowId: 'case-A' } as const;
  const caseB = { type: 'workflow', namespace: 'default', workflowId: 'case-B' } as const;
  const event = { type: 'case_closed', recordedBy: 'adm-eva' };
  const sealA = async () => (await codec.encode([defaultPayloadConverter.toPayload(event)], caseA))[0]!;

  test("the workflow id is written in metadata and authenticated; the case's own context decodes it", async () => {
    const sealed = await sealA();
    expect(text(sealed.metadata![WORKFLOW_ID_METADATA])).toBe('case-A');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([sealed], caseA))[0]!)).toEqual(event);
    expect(defaultPayloadConverter.fromPayload((await worker.decode([sealed], caseA))[0]!)).toEqual(event);
    // An activity the case scheduled carries the case's workflow id: its payloads are the case's.
    const activity = { type: 'activity', namespace: 'default', workflowId: 'case-A', activityId: '1', isLocal: false } as const;
    expect(defaultPayloadConverter.fromPayload((await worker.decode([sealed], activity))[0]!)).toEqual(event);
  });

  test('copied into another case: a client throws, a worker turns it into a refusal', async () => {
    const sealed = await sealA();
    await expect(codec.decode([sealed], caseB)).rejects.toThrow('payload sealed for workflow "case-A", not for "case-B"');
    expect(refusal(defaultPayloadConverter.fromPayload((await worker.decode([sealed], caseB))[0]!))).toBe(
      'payload: sealed for workflow "case-A", not for "case-B"; only Plazo writes to a case',
    );
  });

  test('editing the metadata does not help: relabelled or stripped of its marker, the tag fails', async () => {
    const sealed = await sealA();
    const relabelled = { ...sealed, metadata: { ...sealed.metadata, [WORKFLOW_ID_METADATA]: Buffer.from('case-B') } };
    expect(refusal(defaultPayloadConverter.fromPayload((await worker.decode([relabelled], caseB))[0]!))).toMatch(/^payload: cannot be decrypted/);
    const { [WORKFLOW_ID_METADATA]: _marker, ...unmarked } = sealed.metadata!;
    await expect(codec.decode([{ ...sealed, metadata: unmarked }], caseB)).rejects.toThrow();
    expect(refusal(defaultPayloadConverter.fromPayload((await worker.decode([{ ...sealed, metadata: unmarked }], caseB))[0]!))).toMatch(/^payload: cannot be decrypted/);
  });

  test('without a context (the codec endpoint of the Temporal UI) a payload decodes against its own workflow id', async () => {
    expect(defaultPayloadConverter.fromPayload((await codec.decode([await sealA()]))[0]!)).toEqual(event);
  });

  test('sealed without a workflow (no context): readable, but no case accepts it', async () => {
    const [loose] = await codec.encode([defaultPayloadConverter.toPayload(event)]);
    expect(text(loose!.metadata![WORKFLOW_ID_METADATA])).toBe('');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([loose!]))[0]!)).toEqual(event);
    expect(refusal(defaultPayloadConverter.fromPayload((await worker.decode([loose!], caseB))[0]!))).toBe(
      'payload: sealed for workflow "", not for "case-B"; only Plazo writes to a case',
    );
  });

  test('written before binding (no marker, no additional data): still decodes, so recorded histories replay', async () => {
    const key = parseCodecKeys(TEST_CODEC_KEYS).keys.get('test1')!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const inner = temporal.api.common.v1.Payload.encode(defaultPayloadConverter.toPayload(event)).finish();
    const legacy = {
      metadata: { encoding: Buffer.from(ENCODING), [KEY_ID_METADATA]: Buffer.from('test1') },
      data: Buffer.concat([iv, cipher.update(inner), cipher.final(), cipher.getAuthTag()]),
    };
    expect(defaultPayloadConverter.fromPayload((await worker.decode([legacy], caseB))[0]!)).toEqual(event);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([legacy]))[0]!)).toEqual(event);
  });
});

describe('PLAZO_CODEC_KEYS', () => {
  const key32 = Buffer.alloc(32, 1).toString('base64');
  test.each([
    [undefined, /PLAZO_CODEC_KEYS is not set/],
    ['', /PLAZO_CODEC_KEYS is not set/],
    [key32, /is not a valid key id/],
    [`k1:${Buffer.alloc(16).toString('base64')}`, /key k1 is 16 bytes, AES-256 needs exactly 32/],
    [`k1:${Buffer.alloc(33).toString('base64')}`, /key k1 is 33 bytes/],
    ['k1:not*base64!', /key k1 is not base64/],
    [`k1:${key32},k1:${key32}`, /key id k1 appears twice/],
    [`bad id:${key32}`, /is not a valid key id/],
  ])('%s is refused', (value, message) => {
    expect(() => parseCodecKeys(value)).toThrow(message);
  });

  test('the first key encrypts, all decrypt', () => {
    const keys = parseCodecKeys(`new:${key32}, old:${Buffer.alloc(32, 2).toString('base64')}`);
    expect(keys.encryptWith).toBe('new');
    expect([...keys.keys.keys()]).toEqual(['new', 'old']);
  });

  test('an error message never contains the key itself', () => {
    const short = Buffer.alloc(20, 9).toString('base64');
    expect(() => parseCodecKeys(`k1:${short}`)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(short) }));
  });
});

describe("a worker's codec refuses what Plazo did not encrypt", () => {
  const worker = new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS), { refuseUnencrypted: true });
  const decodeOne = async (codec: AesGcmCodec, p: Parameters<AesGcmCodec['decode']>[0][0]) => defaultPayloadConverter.fromPayload((await codec.decode([p]))[0]!);

  test('a plain payload becomes the refusal marker, which the case workflow refuses by name', async () => {
    const plain = defaultPayloadConverter.toPayload({ type: 'case_closed', recordedBy: 'dir-dora' });
    expect(refusal(await decodeOne(worker, plain))).toBe('payload: not encrypted with a Plazo key; only Plazo writes to a case');
    // A client (the API reading what workers wrote) still passes a plain payload through.
    expect(await decodeOne(new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS)), plain)).toEqual({ type: 'case_closed', recordedBy: 'dir-dora' });
  });

  test('a payload sealed with a key the worker does not hold is refused too; its own key decodes as always', async () => {
    const foreign = (await new AesGcmCodec(parseCodecKeys(newCodecKeysValue('other'))).encode([defaultPayloadConverter.toPayload(child)]))[0]!;
    expect(refusal(await decodeOne(worker, foreign))).toMatch(/^payload: encrypted with key "other.*", which this worker does not know/);
    const own = (await new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS)).encode([defaultPayloadConverter.toPayload(child)]))[0]!;
    expect(await decodeOne(worker, own)).toEqual(child);
  });
});
