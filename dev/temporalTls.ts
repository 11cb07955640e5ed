/**
 * Certificates for mTLS between Plazo's processes and the real Temporal server's frontend (issue 25 H2):
 * a local CA, a server certificate for localhost / 127.0.0.1 / `temporal` (the compose service), and one
 * client certificate for Plazo's worker, API and Temporal UI. Made with openssl by scripts/setup.sh (and on
 * first use), kept in the per-user cache. For local use only: production brings its own (docs/production.md).
 *
 * `npx tsx dev/temporalTls.ts [dir]` makes them (if missing) and prints the directory.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface TemporalCerts {
  dir: string;
  /** The CA both sides trust: it signed the server's and the client's certificates. */
  ca: string;
  serverCert: string;
  serverKey: string;
  /** Plazo's client certificate (worker, API, Temporal UI). */
  clientCert: string;
  clientKey: string;
}

/** The per-user cache scripts/setup.sh uses (PLAZO_CACHE_DIR). */
export function defaultCertsDir(): string {
  const cache = process.env.PLAZO_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plazo');
  return join(cache, 'temporal-tls');
}

/** Where each file is in a directory of certificates (docker-compose.yml mounts one at /etc/plazo/temporal-tls). */
export const certFilesIn = (dir: string): TemporalCerts => ({
  dir,
  ca: join(dir, 'ca.pem'),
  serverCert: join(dir, 'server.pem'),
  serverKey: join(dir, 'server.key'),
  clientCert: join(dir, 'client.pem'),
  clientKey: join(dir, 'client.key'),
});

const DAYS = '3650';
const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

/** The certificates in `dir`, made first if missing. Made in a scratch directory and renamed: never half there. */
export function temporalCerts(dir = defaultCertsDir()): TemporalCerts {
  const certs = certFilesIn(dir);
  if (existsSync(join(dir, '.complete'))) return certs;
  mkdirSync(resolve(dir, '..'), { recursive: true });
  const scratch = mkdtempSync(`${dir}.making-`);
  try {
    const s = certFilesIn(scratch);
    const openssl = (...args: string[]) => {
      try {
        execFileSync('openssl', args, { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (err) {
        const e = err as Error & { code?: string; stderr?: Buffer };
        if (e.code === 'ENOENT') throw new Error('openssl is not installed: it makes the certificates of the Temporal server (mTLS); install it (apt-get install openssl) and run make setup again');
        throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString() || e.message}`);
      }
    };
    openssl('req', '-x509', ...KEY, '-keyout', 'ca.key', '-out', s.ca, '-days', DAYS, '-subj', '/CN=Plazo local Temporal CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    const leaf = (name: string, subject: string, extensions: string) => {
      writeFileSync(join(scratch, `${name}.ext`), extensions);
      openssl('req', ...KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', s.ca, '-CAkey', 'ca.key', '-set_serial', `0x${Date.now().toString(16)}${name.length}`, '-days', DAYS, '-out', `${name}.pem`, '-extfile', `${name}.ext`);
      rmSync(join(scratch, `${name}.csr`));
      rmSync(join(scratch, `${name}.ext`));
    };
    // The server's certificate is its client certificate too: inside the cluster its services, and its
    // system worker dialing the frontend, present it (TEMPORAL_TLS_SERVER_CERT in config/docker.yaml).
    leaf('server', '/CN=localhost', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,DNS:temporal,IP:127.0.0.1\n');
    leaf('client', '/CN=plazo', 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n');
    // Nothing else gets a certificate from this CA: its key is not kept.
    rmSync(join(scratch, 'ca.key'));
    writeFileSync(join(scratch, '.complete'), '');
    chmodSync(scratch, 0o755); // the keys stay 0600
    // Only complete sets are renamed into place: a directory there without .complete is debris.
    if (existsSync(dir) && !existsSync(join(dir, '.complete'))) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(scratch, dir);
    } catch (err) {
      // Another process made them first: theirs are used.
      if (!existsSync(join(dir, '.complete'))) throw err;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return certs;
}

/** The variables Plazo's processes read (config/env.ts); the Temporal CLI and the Temporal UI read the same names. */
export function plazoTlsEnv(certs: TemporalCerts): { TEMPORAL_TLS_CA: string; TEMPORAL_TLS_CERT: string; TEMPORAL_TLS_KEY: string } {
  return { TEMPORAL_TLS_CA: certs.ca, TEMPORAL_TLS_CERT: certs.clientCert, TEMPORAL_TLS_KEY: certs.clientKey };
}

/** The Temporal CLI's flags for the same certificate. */
export function cliTlsArgs(certs: TemporalCerts): string[] {
  return ['--tls-ca-path', certs.ca, '--tls-cert-path', certs.clientCert, '--tls-key-path', certs.clientKey];
}

/**
 * The server's side, as config/docker.yaml (the template temporalio/auto-setup fills too) reads it: TLS on
 * the frontend and between the services, a client certificate signed by the CA required on both.
 */
export function serverTlsEnv(certs: TemporalCerts): Record<string, string> {
  return {
    TEMPORAL_TLS_REQUIRE_CLIENT_AUTH: 'true',
    TEMPORAL_TLS_SERVER_CA_CERT: certs.ca,
    TEMPORAL_TLS_SERVER_CERT: certs.serverCert,
    TEMPORAL_TLS_SERVER_KEY: certs.serverKey,
    TEMPORAL_TLS_INTERNODE_SERVER_NAME: 'localhost',
    TEMPORAL_TLS_FRONTEND_CERT: certs.serverCert,
    TEMPORAL_TLS_FRONTEND_KEY: certs.serverKey,
    TEMPORAL_TLS_CLIENT1_CA_CERT: certs.ca,
    TEMPORAL_TLS_CLIENT2_CA_CERT: certs.ca,
    TEMPORAL_TLS_FRONTEND_SERVER_NAME: 'localhost',
  };
}

if (require.main === module) {
  process.stdout.write(`${temporalCerts(process.argv[2] ? resolve(process.argv[2]) : undefined).dir}\n`);
}
