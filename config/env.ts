import { z } from 'zod';
import { CodecKeyError, parseCodecKeys, type CodecKeys } from '../codec/keys';

/** Every environment variable the worker and the API read. docker-compose.yml is checked against this list. */
export const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('plazo-cases'),
  TEMPORAL_UI_URL: z.string().url().default('http://localhost:8233'),
  SMTP_HOST: z.string().min(1).default('localhost'),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  /** `id:base64key[,…]`, 32-byte AES keys; the first encrypts (codec/keys.ts). Never in the repo. */
  PLAZO_CODEC_KEYS: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('Plazo <plazo@localhost>'),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Failed sign-ins (bad bearer or login token) one client address may make per minute before 429. */
  PLAZO_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Worker tuning (docs/performance.md says what each bought). The defaults keep a worker with 2,000 open
  // cases under 300 MB on a 2-core machine; a bigger machine can cache more.
  /** A workflow bundle built by `npm run build` (dist/workflow-bundle.js); unset: bundled with webpack at start. */
  PLAZO_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** Cases kept in memory between their tasks; an evicted case is replayed from history when it next wakes. 0: none. */
  PLAZO_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(150),
  /** Activities (deadline computations, projections, emails) running at once in one worker. */
  PLAZO_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(50),
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
