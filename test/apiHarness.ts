/**
 * The API for real: the Temporal dev server, a test worker on its own task queue, a fresh Postgres database,
 * a real SMTP catcher, and the people of STAFF each with a token, exercised over HTTP. The API runs in this
 * process (`startApiHarness`: buildServer on 127.0.0.1:0) or as production runs it (`startApiProcess`:
 * client/api/main.ts in its own process, its env parsing, its logger, its output captured).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { AddressInfo } from 'node:net';
import { buildServer } from '../client/api/server';
import { issueApiToken } from '../app/auth';
import { freePort } from '../dev/freePort';
import { startMailCatcher, type MailCatcher, type MailCatcherOptions } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
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
  /** The SMTP catcher both the worker and the API (sign-in links) send to. */
  mail: MailCatcher;
  base: string;
  tokens: Record<StaffKey, string>;
  /** One HTTP request; `as` picks whose bearer token to send (default Ana, null none), `raw` sends a body as is. */
  http(method: string, path: string, opts?: { as?: StaffKey | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<HttpResult>;
  teardown(): Promise<void>;
}

/** The harness with the API in its own process: `api.output()` is what it logged. */
export interface ApiProcess extends ApiHarness {
  api: Service;
}

/** The organization and everything but the API: Temporal, Postgres with STAFF and their tokens, SMTP, a worker. */
interface Organization {
  env: TestWorkflowEnvironment;
  pg: TestDatabase;
  mail: MailCatcher;
  tokens: Record<StaffKey, string>;
  /** Runs at teardown, last added first. */
  undo: (() => Promise<unknown>)[];
}

async function startOrganization(taskQueue: string, ownEnv?: TestWorkflowEnvironment, mailOpts?: MailCatcherOptions): Promise<Organization> {
  const started = await Promise.allSettled([ownEnv ?? devServerEnv(), createTestDatabase(), startMailCatcher(mailOpts)] as const);
  const [envR, pgR, mailR] = started;
  const undo: (() => Promise<unknown>)[] = [];
  // Undone last added first: the API, the worker, Temporal, SMTP, then the database they all write to.
  if (pgR.status === 'fulfilled') undo.push(() => pgR.value.drop());
  if (mailR.status === 'fulfilled') undo.push(() => mailR.value.stop());
  if (envR.status === 'fulfilled') undo.push(() => envR.value.teardown());
  try {
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    const [env, pg, mail] = [envR, pgR, mailR].map((r) => (r as PromiseFulfilledResult<unknown>).value) as [TestWorkflowEnvironment, TestDatabase, MailCatcher];
    await pg.db.insertInto('users').values(Object.values(STAFF).map((p) => ({ ...p }))).execute();
    await pg.db.insertInto('teams').values({ id: 'team-sur', name: 'Equipo Sur', supervisor_id: STAFF.beto.id }).execute();
    await pg.db.insertInto('team_members').values([{ team_id: 'team-sur', user_id: STAFF.ana.id }]).execute();
    const tokens = {} as Record<StaffKey, string>;
    for (const key of Object.keys(STAFF) as StaffKey[]) tokens[key] = await issueApiToken(pg.db, STAFF[key].id, 'test');
    const worker = await startTestWorker({ connection: env.nativeConnection, namespace: env.namespace, taskQueue, db: pg.db, smtpPort: mail.smtpPort });
    undo.push(() => worker.stop());
    return { env, pg, mail, tokens, undo };
  } catch (err) {
    await runUndo(undo);
    throw err;
  }
}

async function runUndo(undo: (() => Promise<unknown>)[]): Promise<void> {
  for (const u of [...undo].reverse()) await u().catch((err: Error) => console.error(`teardown: ${err.message}`));
}

function harness(org: Organization, base: string): ApiHarness {
  const { env, pg, mail, tokens, undo } = org;
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
    teardown: () => runUndo(undo),
  };
}

/** `env`: a Temporal environment of the test's own (e.g. with the Web UI); `temporalUiUrl`: where its UI is; `mail`: the catcher's fault injection (`down`). */
export async function startApiHarness(taskQueue: string, opts: { env?: TestWorkflowEnvironment; temporalUiUrl?: string; mail?: MailCatcherOptions } = {}): Promise<ApiHarness> {
  const org = await startOrganization(taskQueue, opts.env, opts.mail);
  try {
    const logger = createLogger('plazo-api-test', process.env.PLAZO_TEST_DEBUG ? 'info' : 'silent');
    const app = buildServer({
      db: org.pg.db,
      temporal: org.env.client,
      codec: new AesGcmCodec(parseCodecKeys(TEST_CODEC_KEYS)),
      logger,
      taskQueue,
      namespace: org.env.namespace ?? 'default',
      temporalUiUrl: opts.temporalUiUrl ?? 'http://temporal-ui.test',
      publicUrl: 'http://plazo.test',
      mailer: createMailer({ host: '127.0.0.1', port: org.mail.smtpPort }),
    });
    org.undo.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    return harness(org, `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  } catch (err) {
    await runUndo(org.undo);
    throw err;
  }
}

/** The API as production runs it, its environment given `extraEnv` (a log level, OIDC settings…). */
export async function startApiProcess(taskQueue: string, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const [org, port] = await Promise.all([startOrganization(taskQueue), freePort()]);
  const base = `http://127.0.0.1:${port}`;
  try {
    const api = startService('client/api/main.ts', {
      DATABASE_URL: org.pg.url,
      TEMPORAL_ADDRESS: org.env.address,
      TEMPORAL_NAMESPACE: org.env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_UI_URL: 'http://temporal-ui.test',
      PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_URL: base,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(org.mail.smtpPort),
      LOG_LEVEL: 'info',
      ...extraEnv,
    });
    // Bounded: an API that does not stop within 20 s of SIGTERM is killed, never a teardown left waiting.
    org.undo.push(() => api.stop('SIGTERM', 20_000));
    await untilHealthy(base, api);
    return { ...harness(org, base), api };
  } catch (err) {
    await runUndo(org.undo);
    throw err;
  }
}

/** Polls /api/health (any log level may be set, so not the 'api started' line); fails if the process exits. */
async function untilHealthy(base: string, api: Service, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  void api.exited().then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`the API process exited before it was healthy:\n${api.output()}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`the API process was not healthy in ${timeoutMs} ms:\n${api.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
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
