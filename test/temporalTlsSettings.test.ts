/** TEMPORAL_TLS_*: Plazo's client certificate for the Temporal frontend (mTLS); a bad setting names its variable. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv, temporalTls } from '../config/env';
import { temporalCerts } from '../dev/temporalTls';

const certs = temporalCerts(join(mkdtempSync(join(tmpdir(), 'plazo-tls-settings-')), 'certs'));
const env = (vars: Record<string, string>) => loadEnv({ PLAZO_CODEC_KEYS: 'x', ...vars });

test('unset: plain text, as the dev server speaks', () => {
  expect(temporalTls(env({}))).toBeUndefined();
  // Empty values (compose's TEMPORAL_TLS_SERVER_NAME: "") count as unset.
  expect(temporalTls(env({ TEMPORAL_TLS_SERVER_NAME: '' }))).toBeUndefined();
});

test('CA, certificate and key: the files read, the server name passed on', () => {
  const tls = temporalTls(env({ TEMPORAL_TLS_CA: certs.ca, TEMPORAL_TLS_CERT: certs.clientCert, TEMPORAL_TLS_KEY: certs.clientKey, TEMPORAL_TLS_SERVER_NAME: 'temporal' }))!;
  expect(Buffer.from(tls.serverRootCACertificate!).toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(Buffer.from(tls.clientCertPair!.crt).toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(Buffer.from(tls.clientCertPair!.key).toString()).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  expect(tls.serverNameOverride).toBe('temporal');
  // A CA alone: TLS without a client certificate (a server that does not ask for one).
  expect(temporalTls(env({ TEMPORAL_TLS_CA: certs.ca }))).toEqual({ serverRootCACertificate: expect.any(Buffer) });
});

test.each([
  [{ TEMPORAL_TLS_CERT: certs.clientCert }, /^environment variable TEMPORAL_TLS_KEY is not set: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are Plazo's client certificate and its key, set both$/],
  [{ TEMPORAL_TLS_KEY: certs.clientKey }, /^environment variable TEMPORAL_TLS_CERT is not set/],
  [{ TEMPORAL_TLS_CA: '/nowhere/ca.pem' }, /^environment variable TEMPORAL_TLS_CA: cannot read \/nowhere\/ca\.pem: ENOENT$/],
  [{ TEMPORAL_TLS_CERT: certs.dir, TEMPORAL_TLS_KEY: certs.clientKey }, /^environment variable TEMPORAL_TLS_CERT: cannot read .*: EISDIR$/],
])('%o is refused, naming the variable', (vars, message) => {
  expect(() => temporalTls(env(vars))).toThrow(message);
});

test('a file that is not PEM is refused, naming the variable', () => {
  const notPem = join(certs.dir, '..', 'not-a-key.txt');
  writeFileSync(notPem, 'hola');
  expect(() => temporalTls(env({ TEMPORAL_TLS_CERT: certs.clientCert, TEMPORAL_TLS_KEY: notPem }))).toThrow(`environment variable TEMPORAL_TLS_KEY: ${notPem} is not a PEM file (no -----BEGIN line)`);
});
