import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { ENV_KEYS } from '../config/env';
import { temporalServerEnv } from '../dev/temporalServer';
import { devServerDynamicConfigArgs } from '../dev/temporalDynamicConfig';
import { certFilesIn, plazoTlsEnv, serverTlsEnv } from '../dev/temporalTls';

/** No Docker engine runs here, so the production shape is checked by reading it. */
const root = resolve(__dirname, '..');
const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; build?: string; command?: string[]; depends_on?: Record<string, unknown> | string[]; environment?: Record<string, string>; ports?: string[]; expose?: string[]; volumes?: string[]; healthcheck?: { test?: string[] } }>;
  'x-plazo-env': Record<string, string>;
};

const appServices = ['worker', 'api'];
/** Where every service that talks to Temporal finds the certificates (TEMPORAL_TLS_DIR, read-only). */
const certs = certFilesIn('/etc/plazo/temporal-tls');

test('every service the app needs is there', () => {
  expect(Object.keys(compose.services).sort()).toEqual(['api', 'mailpit', 'postgres', 'temporal', 'temporal-ui', 'temporal-ui-signin', 'worker']);
  expect(compose.services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
  expect(compose.services['temporal-ui']!.environment!.TEMPORAL_ADDRESS).toBe('temporal:7233');
});

test('the Temporal UI is reached only through OIDC sign-in, at the address the case pages link to', () => {
  const ui = compose.services['temporal-ui']!;
  const signin = compose.services['temporal-ui-signin']!;
  // Nothing publishes the UI itself: only the sign-in proxy's port is on the host.
  expect(ui.ports).toBeUndefined();
  expect(ui.expose).toEqual(['8080']);
  expect(signin.image).toMatch(/^quay\.io\/oauth2-proxy\/oauth2-proxy:v\d+\.\d+\.\d+$/);
  expect(signin.environment).toMatchObject({ OAUTH2_PROXY_UPSTREAMS: 'http://temporal-ui:8080/', OAUTH2_PROXY_PROVIDER: 'oidc', OAUTH2_PROXY_HTTP_ADDRESS: '0.0.0.0:4180' });
  // Sign-in is not optional: compose refuses to start without the provider, the client and the operators' group.
  for (const key of ['OAUTH2_PROXY_OIDC_ISSUER_URL', 'OAUTH2_PROXY_CLIENT_ID', 'OAUTH2_PROXY_CLIENT_SECRET', 'OAUTH2_PROXY_COOKIE_SECRET', 'OAUTH2_PROXY_ALLOWED_GROUPS']) {
    expect({ key, value: signin.environment![key] }).toEqual({ key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?.+\}$/) });
  }
  const uiUrl = new URL(compose['x-plazo-env'].TEMPORAL_UI_URL!);
  expect(signin.ports).toEqual([`${uiUrl.port}:4180`]);
  expect(new URL(signin.environment!.OAUTH2_PROXY_REDIRECT_URL!).origin).toBe(uiUrl.origin);
  // The UI decodes through Plazo's codec with the admin's session cookie (client/api/codecRoutes.ts).
  expect(ui.environment).toMatchObject({ TEMPORAL_CODEC_ENDPOINT: `${compose['x-plazo-env'].PUBLIC_URL}/codec`, TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true' });
});

test('every depends_on names a service of the file', () => {
  for (const [name, svc] of Object.entries(compose.services)) {
    const deps = Array.isArray(svc.depends_on) ? svc.depends_on : Object.keys(svc.depends_on ?? {});
    for (const dep of deps) expect({ service: name, dependsOn: dep, exists: dep in compose.services }).toEqual({ service: name, dependsOn: dep, exists: true });
  }
});

const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
/** Variables only one of the two processes reads. */
const onlyFor: Record<string, string[]> = {
  api: ['API_HOST', 'API_PORT', 'PLAZO_AUTH_FAILURES_PER_MINUTE', 'PLAZO_TRUST_PROXY', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI', 'OIDC_NAME'],
  worker: ['PLAZO_WORKFLOW_BUNDLE', 'PLAZO_MAX_CACHED_WORKFLOWS', 'PLAZO_MAX_CONCURRENT_ACTIVITIES', 'SMTP_MAX_CONNECTIONS', 'PLAZO_WORKFLOW_STACK_TRACES', 'PLAZO_TEMPORAL_METRICS_PORT'],
};
const startScript: Record<string, string> = { worker: 'start:worker', api: 'start:api' };

test.each(appServices)('%s runs what `npm run start:*` runs, built from the Dockerfile', (name) => {
  const svc = compose.services[name]!;
  expect(svc.build).toBe('.');
  expect(readFileSync(resolve(root, 'Dockerfile'), 'utf8')).toMatch(/RUN npm run build/);
  // The script may set process-level variables first (MALLOC_ARENA_MAX=2 node …): compose sets them in environment.
  const words = pkg.scripts[startScript[name]!]!.split(/\s+/);
  const assignments = words.filter((w) => /^[A-Z_]+=/.test(w));
  expect(svc.command).toEqual(words.slice(assignments.length));
  for (const a of assignments) {
    const [k, v] = a.split('=') as [string, string];
    expect({ [k]: svc.environment?.[k] }).toEqual({ [k]: v });
  }
  // The compiled entry comes from a source file of the repo (dist/ is built in the image).
  const entry = svc.command![svc.command!.length - 1]!;
  expect(entry).toMatch(/^dist\/.*\.js$/);
  expect(existsSync(resolve(root, entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
});

test.each(appServices)('%s sets every variable the app reads, and only those', (name) => {
  const svc = compose.services[name]!;
  const processLevel = pkg.scripts[startScript[name]!]!.split(/\s+/).filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=')[0]!);
  const keys = Object.keys(svc.environment ?? {});
  const other = appServices.find((x) => x !== name)!;
  const required = new Set([...ENV_KEYS.filter((k) => !onlyFor[other]!.includes(k)), ...processLevel]);
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

test('the temporal service is the server scripts/setup.sh builds for the local shape, given the same variables', () => {
  const pinned = /TEMPORAL_SERVER_VERSION="v([\d.]+)"/.exec(readFileSync(resolve(root, 'scripts', 'setup.sh'), 'utf8'))?.[1];
  expect(compose.services.temporal!.image).toBe(`temporalio/auto-setup:${pinned}`);
  const e = compose.services.temporal!.environment!;
  // What `make prod-local` gives the server, were Postgres the compose one (dev/temporalServer.ts).
  const local = temporalServerEnv({ pg: { host: 'postgres', port: 5432, user: 'plazo', password: 'secret' }, database: 'temporal' }, {}, certs);
  // Besides the server's own variables, only those of the image's `temporal` CLI (namespace set-up, health check).
  const imageCli = ['TEMPORAL_ADDRESS', ...Object.keys(plazoTlsEnv(certs))];
  for (const k of Object.keys(e).filter((k) => !imageCli.includes(k))) expect({ [k]: k in local }).toEqual({ [k]: true });
  for (const k of ['DB', 'DB_PORT', 'POSTGRES_PORT', 'POSTGRES_SEEDS', 'POSTGRES_USER', 'NUM_HISTORY_SHARDS', 'GOMEMLIMIT']) expect({ [k]: e[k] }).toEqual({ [k]: local[k] });
  // The dynamic config the local shape reads (eager activities on) is the file compose mounts where it points.
  const mounted = (compose.services.temporal!.volumes ?? []).map((v) => String(v).split(':'));
  const [source, target] = mounted.find(([, t]) => t === `/etc/temporal/${e.DYNAMIC_CONFIG_FILE_PATH}`) ?? [];
  expect(target).toBeDefined();
  expect(resolve(root, source!)).toBe(local.DYNAMIC_CONFIG_FILE_PATH);
  expect(readFileSync(local.DYNAMIC_CONFIG_FILE_PATH!, 'utf8')).toMatch(/^system\.enableActivityEagerExecution:\n {2}- value: true/m);
  // Its history cache bounded (issue 28): a count well under v1.29.1's 128,000, idle entries dropped in the background.
  const dynamic = parse(readFileSync(local.DYNAMIC_CONFIG_FILE_PATH!, 'utf8')) as Record<string, { value: unknown }[]>;
  expect(dynamic['history.hostLevelCacheMaxSize']![0]!.value).toBeLessThanOrEqual(20_000);
  expect(dynamic['history.cacheBackgroundEvict']![0]!.value).toMatchObject({ Enabled: true });
  // The dev server (demo, tests, bench) is given the same settings as flags, read from that file.
  expect(devServerDynamicConfigArgs()).toEqual(expect.arrayContaining(['--dynamic-config-value', 'system.enableActivityEagerExecution=true']));
});

describe('only Plazo reaches the Temporal frontend (mTLS, issue 25 H2)', () => {
  const published = (svc: { ports?: string[] }) => (svc.ports ?? []).map(String);

  test('no service publishes the frontend port: the server only exposes it to the services of the file', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect({ service: name, ports: published(svc).filter((p) => /(^|:)7233$/.test(p)) }).toEqual({ service: name, ports: [] });
    }
    expect(compose.services.temporal!.ports).toBeUndefined();
    expect(compose.services.temporal!.expose).toEqual(['7233']);
  });

  test('the server requires a client certificate signed by the CA, set as the local shape sets it', () => {
    const e = compose.services.temporal!.environment!;
    const tls = serverTlsEnv(certs);
    expect(tls.TEMPORAL_TLS_REQUIRE_CLIENT_AUTH).toBe('true');
    for (const [k, v] of Object.entries(tls)) expect({ [k]: e[k] }).toEqual({ [k]: v });
    // Its own CLI dials the name the server's certificate carries, with Plazo's certificate.
    expect(e).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233', ...plazoTlsEnv(certs) });
    expect(compose.services.temporal!.healthcheck!.test).toEqual(['CMD', 'temporal', 'operator', 'cluster', 'health', '--address', 'temporal:7233']);
  });

  test('the worker, the API and the Temporal UI connect with the client certificate; the directory is required and read-only', () => {
    for (const name of ['worker', 'api', 'temporal-ui', 'temporal']) {
      const mounts = (compose.services[name]!.volumes ?? []).map(String).filter((v) => v.includes(certs.dir));
      expect({ service: name, mounts }).toEqual({ service: name, mounts: [`\${TEMPORAL_TLS_DIR:?set TEMPORAL_TLS_DIR to the directory of the Temporal certificates (docs/production.md)}:${certs.dir}:ro`] });
    }
    for (const name of appServices) expect(compose.services[name]!.environment).toMatchObject(plazoTlsEnv(certs));
    // The UI reads the same variable names (temporalio/ui's config template), and checks the server's name.
    expect(compose.services['temporal-ui']!.environment).toMatchObject({ ...plazoTlsEnv(certs), TEMPORAL_TLS_ENABLE_HOST_VERIFICATION: 'true', TEMPORAL_TLS_SERVER_NAME: 'temporal' });
  });
});
