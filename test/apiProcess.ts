/**
 * The API as production runs it: client/api/main.ts in its own process (its logger, its env parsing,
 * its stdout captured), against the Temporal dev server, a test worker on its own task queue, a fresh
 * Postgres database and a real SMTP catcher. The people of apiHarness.STAFF, each with a token.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { issueApiToken } from '../app/auth';
import { freePort } from '../dev/freePort';
import { startMailCatcher, type MailCatcher } from '../dev/mailCatcher';
import { startService, type Service } from '../dev/processes';
import { STAFF, type StaffKey } from './apiHarness';
import { TEST_CODEC_KEYS } from './codecKeys';
import { devServerEnv } from './temporalEnv';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { startTestWorker } from './testWorker';

export interface ApiProcess {
  env: TestWorkflowEnvironment;
  pg: TestDatabase;
  /** The SMTP catcher both the worker and the API (sign-in links) send to. */
  mail: MailCatcher;
  base: string;
  tokens: Record<StaffKey, string>;
  api: Service;
  teardown(): Promise<void>;
}

export async function startApiProcess(taskQueue: string, extraEnv: Record<string, string> = {}): Promise<ApiProcess> {
  const [env, pg, mail, port] = await Promise.all([devServerEnv(), createTestDatabase(), startMailCatcher(), freePort()]);
  await pg.db.insertInto('users').values(Object.values(STAFF).map((p) => ({ ...p }))).execute();
  await pg.db.insertInto('teams').values({ id: 'team-sur', name: 'Equipo Sur', supervisor_id: STAFF.beto.id }).execute();
  await pg.db.insertInto('team_members').values([{ team_id: 'team-sur', user_id: STAFF.ana.id }]).execute();
  const tokens = {} as Record<StaffKey, string>;
  for (const key of Object.keys(STAFF) as StaffKey[]) tokens[key] = await issueApiToken(pg.db, STAFF[key].id, 'test');
  const worker = await startTestWorker({ connection: env.nativeConnection, namespace: env.namespace, taskQueue, db: pg.db, smtpPort: mail.smtpPort });
  const base = `http://127.0.0.1:${port}`;
  let api: Service | undefined;
  const stopAll = async () => {
    await api?.stop();
    await worker.stop();
    await env.teardown();
    await (mail as MailCatcher).stop();
    await pg.drop();
  };
  try {
    api = startService('client/api/main.ts', {
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      TEMPORAL_UI_URL: 'http://temporal-ui.test',
      PLAZO_CODEC_KEYS: TEST_CODEC_KEYS,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PUBLIC_URL: base,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.smtpPort),
      LOG_LEVEL: 'info',
      ...extraEnv,
    });
    await untilHealthy(base, api);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return { env, pg, mail, base, tokens, api, teardown: stopAll };
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
