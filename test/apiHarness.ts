/**
 * The API for real: Temporal dev server, an in-process worker on its own task queue, a fresh Postgres
 * database, a real SMTP catcher, and buildServer listening on 127.0.0.1:0, exercised over HTTP.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../client/api/server';
import { issueApiToken } from '../client/api/auth';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { createLogger } from '../config/logger';
import { createMailer } from '../config/mailer';
import { devServerEnv } from './temporalEnv';
import { TEST_CODEC_KEYS } from './codecKeys';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { startTestWorker } from './testWorker';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { parseCodecKeys } from '../codec/keys';
import { todayInMexico } from '../domain/time/instant';

/** Who works in the test organization (ids as in caseHarness.PEOPLE, plus a few to test scopes). */
export const STAFF = {
  ana: { id: 'cw-ana', name: 'Ana', email: 'ana@ong.test', role: 'caseworker', language: 'es' },
  luis: { id: 'cw-luis', name: 'Luis', email: 'luis@ong.test', role: 'caseworker', language: 'en' },
  beto: { id: 'sup-beto', name: 'Beto', email: 'beto@ong.test', role: 'supervisor', language: 'en' },
  sofia: { id: 'sup-sofia', name: 'Sofía', email: 'sofia@ong.test', role: 'supervisor', language: 'es' },
  carla: { id: 'law-carla', name: 'Carla', email: 'carla@ong.test', role: 'lawyer', language: 'es' },
  diego: { id: 'law-diego', name: 'Diego', email: 'diego@ong.test', role: 'lawyer', language: 'en' },
  dora: { id: 'dir-dora', name: 'Dora', email: 'dora@ong.test', role: 'director', language: 'en' },
  eva: { id: 'adm-eva', name: 'Eva', email: 'eva@ong.test', role: 'admin', language: 'en' },
} as const;
export type StaffKey = keyof typeof STAFF;

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface ApiHarness {
  env: TestWorkflowEnvironment;
  pg: TestDatabase;
  mail: MailCatcher;
  base: string;
  tokens: Record<StaffKey, string>;
  /** One HTTP request; `as` picks whose bearer token to send, `raw` sends a body as is. */
  http(method: string, path: string, opts?: { as?: StaffKey | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  teardown(): Promise<void>;
}

/** `env`: a Temporal environment of the test's own (e.g. with the Web UI); `temporalUiUrl`: where its UI is. */
export async function startApiHarness(taskQueue: string, opts: { env?: TestWorkflowEnvironment; temporalUiUrl?: string } = {}): Promise<ApiHarness> {
  const [env, pg, mail] = await Promise.all([opts.env ?? devServerEnv(), createTestDatabase(), startMailCatcher()]);
  await pg.db.insertInto('users').values(Object.values(STAFF).map((p) => ({ ...p }))).execute();
  await pg.db.insertInto('teams').values({ id: 'team-sur', name: 'Equipo Sur', supervisor_id: STAFF.beto.id }).execute();
  await pg.db.insertInto('team_members').values([{ team_id: 'team-sur', user_id: STAFF.ana.id }]).execute();
  const tokens = {} as Record<StaffKey, string>;
  for (const key of Object.keys(STAFF) as StaffKey[]) tokens[key] = await issueApiToken(pg.db, STAFF[key].id, 'test');

  const worker = await startTestWorker({ connection: env.nativeConnection, namespace: env.namespace, taskQueue, db: pg.db, smtpPort: mail.smtpPort });
  const logger = createLogger('plazo-api-test', process.env.PLAZO_TEST_DEBUG ? 'info' : 'silent');
  const app = buildServer({ db: pg.db, temporal: env.client, codec: new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS)), logger, taskQueue, namespace: env.namespace ?? 'default', temporalUiUrl: opts.temporalUiUrl ?? 'http://temporal-ui.test', publicUrl: 'http://plazo.test', mailer: createMailer({ host: '127.0.0.1', port: mail.smtpPort }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  return {
    env,
    pg,
    mail,
    base,
    tokens,
    async http(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.as !== null) headers.authorization = `Bearer ${tokens[opts.as ?? 'ana']}`;
      let body: string | undefined;
      if (opts.raw !== undefined) body = opts.raw;
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${base}${path}`, { method, headers, body, redirect: 'manual' });
      const text = await res.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    async teardown() {
      await app.close();
      await worker.stop();
      await env.teardown();
      await mail.stop();
      await pg.drop();
    },
  };
}

/** Polls until `check` passes (returns without throwing) or the time is up; the read model is eventually consistent. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** A date `n` days before today in Mexico City (YYYY-MM-DD). */
export function daysAgo(n: number): string {
  return todayInMexico(Date.now() - n * 86_400_000);
}
