import { startService } from '../dev/processes';
import { TEST_CODEC_KEYS } from './codecKeys';
import { createTestDatabase } from './testDatabase';

/** A newcomer's first failures must say which address is wrong and what to do, not print a stack trace. */
describe('startup errors name the unreachable dependency', () => {
  test('worker with Postgres down', async () => {
    const svc = startService('worker/main.ts', { DATABASE_URL: 'postgres://plazo:secret@127.0.0.1:1/plazo', PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, LOG_LEVEL: 'silent' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/plazo-worker: cannot reach Postgres at postgres:\/\/plazo:\*\*\*@127\.0\.0\.1:1\/plazo.*set DATABASE_URL/);
    expect(svc.output()).not.toContain('secret');
  });

  test('API without DATABASE_URL', async () => {
    const svc = startService('client/api/main.ts', { DATABASE_URL: '', PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, LOG_LEVEL: 'silent' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/plazo-api: environment variable DATABASE_URL is not set/);
  });

  test('API with a malformed port names the variable', async () => {
    const svc = startService('client/api/main.ts', { API_PORT: 'eighty', LOG_LEVEL: 'silent' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/plazo-api: environment variable API_PORT: /);
  });

  test('worker with Temporal down', async () => {
    const pg = await createTestDatabase();
    try {
      const svc = startService('worker/main.ts', { DATABASE_URL: pg.url, TEMPORAL_ADDRESS: '127.0.0.1:1', PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, LOG_LEVEL: 'silent' });
      expect(await svc.exited()).toBe(1);
      expect(svc.output()).toMatch(/plazo-worker: cannot reach the Temporal server at 127\.0\.0\.1:1: .*TEMPORAL_ADDRESS/);
    } finally {
      await pg.drop();
    }
  });

  test('a client certificate without its key stops the worker and the API before anything starts, naming the variable', async () => {
    for (const entry of ['worker/main.ts', 'client/api/main.ts']) {
      const svc = startService(entry, { PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, TEMPORAL_TLS_CERT: '/etc/plazo/client.pem', LOG_LEVEL: 'silent' });
      expect(await svc.exited()).toBe(1);
      expect(svc.output()).toMatch(/: environment variable TEMPORAL_TLS_KEY is not set: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are Plazo's client certificate and its key, set both/);
    }
  });

  test('worker without PLAZO_CODEC_KEYS refuses to start', async () => {
    const svc = startService('worker/main.ts', { PLAZO_CODEC_KEYS: '', LOG_LEVEL: 'silent' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/plazo-worker: environment variable PLAZO_CODEC_KEYS is not set: set PLAZO_CODEC_KEYS to id:base64key/);
  });

  test('worker tuning variables are checked before anything starts', async () => {
    const cache = startService('worker/main.ts', { PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, PLAZO_MAX_CACHED_WORKFLOWS: '-5', LOG_LEVEL: 'silent' });
    expect(await cache.exited()).toBe(1);
    expect(cache.output()).toMatch(/plazo-worker: environment variable PLAZO_MAX_CACHED_WORKFLOWS: /);
    const bundle = startService('worker/main.ts', { PLAZO_CODEC_KEYS: TEST_CODEC_KEYS, PLAZO_WORKFLOW_BUNDLE: '/nowhere/workflow-bundle.js', LOG_LEVEL: 'silent' });
    expect(await bundle.exited()).toBe(1);
    expect(bundle.output()).toMatch(/plazo-worker: environment variable PLAZO_WORKFLOW_BUNDLE: no file at \/nowhere\/workflow-bundle\.js \(run npm run build/);
  });

  test('API with a short codec key names the key and the length', async () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const svc = startService('client/api/main.ts', { PLAZO_CODEC_KEYS: `k1:${short}`, LOG_LEVEL: 'silent' });
    expect(await svc.exited()).toBe(1);
    expect(svc.output()).toMatch(/plazo-api: environment variable PLAZO_CODEC_KEYS: key k1 is 16 bytes, AES-256 needs exactly 32/);
    expect(svc.output()).not.toContain(short);
  });
});
