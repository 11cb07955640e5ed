import type { TLSConfig } from '@temporalio/client';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CodecKeyError, parseCodecKeys, type CodecKeys } from '../codec/keys';
import { SMTP_CONNECTIONS_DEFAULT } from './smtpPool';
import { TrustProxySchema } from './trustProxy';

/** Every environment variable the worker and the API read. docker-compose.yml is checked against this list. */
export const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('plazo-cases'),
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  // mTLS to the Temporal frontend (docs/production.md): PEM files; the Temporal CLI and UI read the same names.
  /** The CA that signed the server's certificate; unset, the system's CAs (e.g. Temporal Cloud). */
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  /** Plazo's client certificate, with TEMPORAL_TLS_KEY; setting either turns TLS on. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** The name the server's certificate is checked against, when not the host in TEMPORAL_ADDRESS. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  SMTP_HOST: z.string().min(1).default('localhost'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** The worker's connections to the relay kept open side by side (config/smtpPool.ts says why 16). */
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(200).default(SMTP_CONNECTIONS_DEFAULT),
  /** `id:base64key[,…]`, 32-byte AES keys; the first encrypts (codec/keys.ts). Never in the repo. */
  PLAZO_CODEC_KEYS: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Plazo <plazo@localhost>'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Failed sign-ins (bad bearer or login token) one client address, and one token prefix, may make per minute before 429. */
  PLAZO_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** The proxies believed about the client's address and scheme (config/trustProxy.ts): hops, addresses or CIDRs; unset, none. */
  PLAZO_TRUST_PROXY: TrustProxySchema,
  /** Single sign-on (docs/signing-in.md): the OpenID Connect issuer URL; unset, only email links and tokens. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default PUBLIC_URL/auth/oidc/callback; register it with the provider. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** The provider's name on the sign-in button. */
  OIDC_NAME: z.string().min(1).max(60).default('SSO'),
  // Metrics for Prometheus (docs/production.md, "Metrics"): unset port, no listener. Each process (worker, API)
  // serves GET /metrics on its own port; keep it off the public network.
  /** Address the metrics listeners bind to. */
  PLAZO_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of this process's /metrics (the worker's includes the Temporal SDK's, below). */
  PLAZO_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Worker: port of the Temporal SDK's own Prometheus exporter (Core runtime); its metrics are also in the worker's /metrics. */
  PLAZO_TEMPORAL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Worker tuning (docs/performance.md says what each bought). The defaults keep a worker with 2,000 open
  // cases under 300 MB on a 2-core machine; a bigger machine can cache more.
  /** A workflow bundle built by `npm run build` (dist/workflow-bundle.js); unset: bundled with webpack at start. */
  PLAZO_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Cases kept in memory between their tasks; an evicted case is replayed from history when it next wakes. 0: none. */
  PLAZO_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(100),
  /**
   * on: cases opened from now on send their ladder steps through the dispatcher across cases (one email per
   * person for the steps due together across their cases; workflows/stepDispatcher.ts, which the API keeps
   * running); off: each case's own timer sends them. A case keeps the way it opened with.
   */
  PLAZO_STEP_DISPATCHER: z.enum(['on', 'off']).default('off'),
  /** Activities (deadline computations, projections, emails) running at once in one worker. */
  PLAZO_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(50),
  /** 1: the SDK records a stack trace per workflow promise again (the UI's stack-trace view); read by patches/@temporalio+worker. */
  PLAZO_WORKFLOW_STACK_TRACES: z.enum(['0', '1']).optional(),
});
export type Env = z.infer<typeof EnvSchema>;
export const ENV_KEYS = Object.keys(EnvSchema.shape) as (keyof Env)[];

export class ConfigError extends Error {}

/** Parses the environment; a bad value names the variable, never a stack trace. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const picked = Object.fromEntries(ENV_KEYS.map((k) => [k, source[k] === '' ? undefined : source[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  return parsed.data;
}

/** DATABASE_URL is required by the worker and the API (the demo launcher fills it from embedded Postgres). */
export function requireDatabaseUrl(env: Env): string {
  if (!env.DATABASE_URL) {
    throw new ConfigError('environment variable DATABASE_URL is not set: point it at a Postgres server, e.g. postgres://plazo:plazo@localhost:5432/plazo');
  }
  return env.DATABASE_URL;
}

/** The payload codec keys are required by every process that talks to Temporal; a missing or short key stops startup. */
export function requireCodecKeys(env: Env): CodecKeys {
  try {
    return parseCodecKeys(env.PLAZO_CODEC_KEYS);
  } catch (err) {
    if (err instanceof CodecKeyError) throw new ConfigError(err.message);
    throw err;
  }
}

/** The single sign-on settings, or null when OIDC_ISSUER is unset; an issuer without a client stops startup. */
export function oidcSettings(env: Env): { issuer: string; clientId: string; clientSecret: string; redirectUri: string; name: string } | null {
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID) throw new ConfigError('environment variable OIDC_CLIENT_ID is not set: OIDC_ISSUER needs the client id registered with the provider');
  if (!env.OIDC_CLIENT_SECRET) throw new ConfigError('environment variable OIDC_CLIENT_SECRET is not set: OIDC_ISSUER needs the client secret registered with the provider');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: env.OIDC_REDIRECT_URI ?? `${env.PUBLIC_URL.replace(/\/$/, '')}/auth/oidc/callback`,
    name: env.OIDC_NAME,
  };
}

type TlsEnv = Pick<Env, 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_SERVER_NAME'>;

/**
 * The TLS options of every connection to Temporal, or undefined (plain, the dev server) when no TEMPORAL_TLS_*
 * is set. A certificate without its key, or a file that cannot be read or is not PEM, stops startup naming
 * the variable.
 */
export function temporalTls(env: TlsEnv): TLSConfig | undefined {
  if (!env.TEMPORAL_TLS_CA && !env.TEMPORAL_TLS_CERT && !env.TEMPORAL_TLS_KEY && !env.TEMPORAL_TLS_SERVER_NAME) return undefined;
  if (!env.TEMPORAL_TLS_CERT !== !env.TEMPORAL_TLS_KEY) {
    const missing = env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    throw new ConfigError(`environment variable ${missing} is not set: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY are Plazo's client certificate and its key, set both`);
  }
  const pem = (name: keyof TlsEnv, path: string): Buffer => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new ConfigError(`environment variable ${name}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!bytes.includes('-----BEGIN ')) throw new ConfigError(`environment variable ${name}: ${path} is not a PEM file (no -----BEGIN line)`);
    return bytes;
  };
  return {
    ...(env.TEMPORAL_TLS_CA ? { serverRootCACertificate: pem('TEMPORAL_TLS_CA', env.TEMPORAL_TLS_CA) } : {}),
    ...(env.TEMPORAL_TLS_CERT && env.TEMPORAL_TLS_KEY
      ? { clientCertPair: { crt: pem('TEMPORAL_TLS_CERT', env.TEMPORAL_TLS_CERT), key: pem('TEMPORAL_TLS_KEY', env.TEMPORAL_TLS_KEY) } }
      : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
}

/** For the startup log line: how the process talks to Temporal. */
export const temporalTlsMode = (tls: TLSConfig | undefined): 'mTLS' | 'TLS' | 'off' => (tls ? (tls.clientCertPair ? 'mTLS' : 'TLS') : 'off');
