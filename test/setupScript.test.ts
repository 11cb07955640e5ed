import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const script = resolve(__dirname, '..', 'scripts', 'setup.sh');

/** A PATH holding only the named commands, so the script sees a machine without the others. */
function pathWith(commands: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'plazo-path-'));
  for (const cmd of commands) {
    const found = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
    if (found) symlinkSync(found, join(dir, cmd));
  }
  return dir;
}

const basics = ['bash', 'node', 'mkdir', 'ln', 'cat', 'chmod', 'dirname', 'ls', 'tr', 'rm', 'touch', 'printf', 'curl'];

function runSetup(path: string, cache: string, extra: Record<string, string> = {}) {
  return spawnSync('bash', [script], {
    encoding: 'utf8',
    env: {
      ...extra,
      PATH: path,
      HOME: cache,
      PLAZO_CACHE_DIR: cache,
      PLAZO_TOOLS_DIR: join(cache, 'tools'),
      PLAZO_SKIP_NPM: '1',
      // Nothing listens on port 9: the "no internet" branch, whatever network the machine has.
      PLAZO_DOWNLOAD_PROBE_URL: 'http://127.0.0.1:9/',
    },
  });
}

test('without go and without internet, setup fails and says to install Go', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  const res = runSetup(pathWith(basics), cache);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/ERROR: cannot install the Temporal CLI: 'go' is not on PATH and http:\/\/127\.0\.0\.1:9\/ is unreachable\. Install Go/);
});

test('with the CLI cached but no java or mvn, setup fails naming both', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  const cliDir = join(cache, 'temporal-cli-v1.5.1');
  mkdirSync(cliDir);
  writeFileSync(join(cliDir, 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
  const res = runSetup(pathWith(basics), cache);
  expect(res.stdout).toMatch(/temporal CLI v1\.5\.1: cached/);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/cannot install the Temporal test server: 'java and mvn' not on PATH .* Install a JDK 11\+ and Maven/);
});

test('with java but no mvn, setup names mvn only', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  const cliDir = join(cache, 'temporal-cli-v1.5.1');
  mkdirSync(cliDir);
  writeFileSync(join(cliDir, 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
  const res = runSetup(pathWith([...basics, 'java']), cache);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/'mvn' not on PATH/);
});

test('with the Temporal binaries cached but no python3, setup fails saying the OpenAPI fuzzer needs it', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  mkdirSync(join(cache, 'temporal-cli-v1.5.1'));
  writeFileSync(join(cache, 'temporal-cli-v1.5.1', 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
  mkdirSync(join(cache, 'temporal-test-server-1.32.1'));
  writeFileSync(join(cache, 'temporal-test-server-1.32.1', '.complete'), '');
  const res = runSetup(pathWith(basics), cache, { PLAZO_SKIP_CHROMIUM: '1' });
  expect(res.stdout).toMatch(/temporal test server 1\.32\.1: cached/);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/ERROR: python3 is not installed: the OpenAPI fuzzer \(schemathesis\) needs Python 3\.9\+/);
});

test('with everything else cached but no go, setup fails saying the Temporal server needs Go', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  const cliDir = join(cache, 'temporal-cli-v1.5.1');
  mkdirSync(cliDir);
  writeFileSync(join(cliDir, 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
  mkdirSync(join(cache, 'temporal-test-server-1.32.1', 'lib'), { recursive: true });
  writeFileSync(join(cache, 'temporal-test-server-1.32.1', '.complete'), '');
  const chromium = join(cache, 'chromium');
  writeFileSync(chromium, '#!/bin/sh\n', { mode: 0o755 });
  const res = spawnSync('bash', [script], {
    encoding: 'utf8',
    env: { PATH: pathWith(basics), HOME: cache, PLAZO_CACHE_DIR: cache, PLAZO_TOOLS_DIR: join(cache, 'tools'), PLAZO_SKIP_NPM: '1', PLAZO_SKIP_SCHEMATHESIS: '1', PLAZO_CHROMIUM_PATH: chromium },
  });
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/cannot install the Temporal server v1\.29\.1 .*'go' is not on PATH\. Install Go/);
});

test('with everything else cached but no go, setup fails saying promtool needs Go', () => {
  const cache = mkdtempSync(join(tmpdir(), 'plazo-cache-'));
  mkdirSync(join(cache, 'temporal-cli-v1.5.1'));
  writeFileSync(join(cache, 'temporal-cli-v1.5.1', 'temporal'), '#!/bin/sh\n', { mode: 0o755 });
  mkdirSync(join(cache, 'temporal-test-server-1.32.1', 'lib'), { recursive: true });
  writeFileSync(join(cache, 'temporal-test-server-1.32.1', '.complete'), '');
  // Both server builds (the version in use and an upgrade's target), each with its versioned schema.
  for (const v of ['v1.29.1', 'v1.30.9']) {
    mkdirSync(join(cache, `temporal-server-${v}`, 'schema'), { recursive: true });
    writeFileSync(join(cache, `temporal-server-${v}`, '.complete'), '');
  }
  // The server's mTLS certificates, made before promtool, are cached too.
  mkdirSync(join(cache, 'temporal-tls'), { recursive: true });
  writeFileSync(join(cache, 'temporal-tls', '.complete'), '');
  const chromium = join(cache, 'chromium');
  writeFileSync(chromium, '#!/bin/sh\n', { mode: 0o755 });
  const res = runSetup(pathWith(basics), cache, { PLAZO_SKIP_SCHEMATHESIS: '1', PLAZO_CHROMIUM_PATH: chromium });
  expect(res.stdout).toMatch(/temporal server v1\.29\.1: cached[\s\S]*temporal server v1\.30\.9: cached/);
  expect(res.status).toBe(1);
  expect(res.stderr).toMatch(/cannot install promtool v0\.316\.0 .*'go' is not on PATH\. Install Go/);
});
