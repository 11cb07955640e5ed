import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ENV_KEYS } from '../config/env';

/** No Docker engine runs here, so the production shape is checked by reading it. */
const root = resolve(__dirname, '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[]; depends_on?: Record<string, unknown> | string[]; environment?: Record<string, string> }>;
};

const appServices = ['worker', 'api'];

test('every service the app needs is there', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'mailpit', 'postgres', 'temporal', 'temporal-ui', 'worker']);
  expect(compose.services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
  expect(compose.services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
});

test('every depends_on names a service of the file', () => {
  for (const [name, svc] of Object.entries(compose.services)) {
    const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
    for (const dep of deps) expect({ service: name, dependsOn: dep, exists: dep in compose.services }).toEqual({ service: name, dependsOn: dep, exists: true });
  }
});

test.each(appServices)('%s is built from the Dockerfile and sets every variable the app reads, and only those', (name) => {
  const svc = compose.services[name]!;
  expect(svc.build).toBe('.');
  expect(existsSync(resolve(root, 'Dockerfile'))).toBe(true);
  const entry = svc.command![svc.command!.length - 1]!;
  expect(existsSync(resolve(root, entry))).toBe(true);
  const keys = Object.keys(svc.environment ?? {});
  const required = ENV_KEYS.filter((k) => !(name === 'worker' && (k === 'API_HOST' || k === 'API_PORT')));
  expect(keys.sort()).toEqual([...required].sort());
});

test('the app services point at the compose hosts', () => {
  for (const name of appServices) {
    const e = compose.services[name]!.environment!;
    expect(e.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(e.SMTP_HOST).toBe('mailpit');
    expect(new URL(e.DATABASE_URL!.replace('${POSTGRES_PASSWORD:-plazo}', 'x')).host).toBe('postgres:5432');
  }
});
