/**
 * How long each page and API list takes with many cases (`npm run bench:pages`, `-- --cases 50000`):
 * an embedded Postgres seeded by dev/caseListSeed.ts (default 10,000 cases), the Temporal dev server,
 * and the API (buildServer, its pool and its health connection as client/api/main.ts gives them) on
 * 127.0.0.1, asked over HTTP. Every page and list, as every role, RUNS times in a row: p50 and p95.
 * Then /api/health while five dashboards load at once (issue 25, M1: it waited 22.8 s). Prints a table
 * and writes bench/results/pages-<time>.json. The test (test/dashboardLoad.e2e.test.ts) checks bounds;
 * this is the figure.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueApiToken, issueCalendarToken } from '../app/auth';
import { caseScope } from '../db/queries/caseScope';
import { AesGcmCodec } from '../codec/aesGcmCodec';
import { newCodecKeysValue, parseCodecKeys } from '../codec/keys';
import { createLogger } from '../config/logger';
import { buildServer } from '../client/api/server';
import { createDb, createProbeDb, migrateToLatest } from '../db/database';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { seedCaseList } from '../dev/caseListSeed';
import { freePort } from '../dev/freePort';
import { temporalCli } from '../dev/temporalBinaries';
import { summarize } from './stats';

const RUNS = 10;
const ROLES = {
  admin: { id: 'adm', name: 'Eva', email: 'eva@bench.test', role: 'admin', language: 'es' },
  director: { id: 'dir', name: 'Dora', email: 'dora@bench.test', role: 'director', language: 'es' },
  supervisor: { id: 'sup-3', name: 'Beto', email: 'beto@bench.test', role: 'supervisor', language: 'es' },
  lawyer: { id: 'law-5', name: 'Carla', email: 'carla@bench.test', role: 'lawyer', language: 'es' },
  caseworker: { id: 'cw-7', name: 'CW-7', email: 'cw-7@plazo.test', role: 'caseworker', language: 'es' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' } } });
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 1) throw new Error('--cases: a whole number of cases, e.g. 50000');
  const log = (s: string) => process.stderr.write(`${s}\n`);
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataDir = mkdtempSync(join(tmpdir(), 'plazo-bench-pages-'));
  const undo: (() => Promise<unknown>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  try {
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    undo.push(() => pg.stop());
    const url = await pg.createDatabase('plazo_pages');
    const db = createDb(url);
    const healthDb = createProbeDb(url);
    undo.push(() => db.destroy(), () => healthDb.destroy());
    await migrateToLatest(db);
    const now = new Date();
    await db.insertInto('users').values(Object.values(ROLES).filter((p) => p.id !== 'cw-7').map((p) => ({ ...p }))).execute();
    await db.insertInto('teams').values({ id: 't3', name: 'Equipo 3', supervisor_id: 'sup-3' }).execute();
    log(`seeding ${cases} cases…`);
    await seedCaseList(db, now, cases);
    await db.insertInto('team_members').values([{ team_id: 't3', user_id: 'cw-3' }, { team_id: 't3', user_id: 'cw-4' }]).execute();

    const temporal = await TestWorkflowEnvironment.createLocal({ server: { executable: temporalCli(), ip: '127.0.0.1' } });
    undo.push(() => temporal.teardown());
    const app = buildServer({
      db,
      healthDb,
      temporal: temporal.client,
      codec: new AesGcmCodec(parseCodecKeys(newCodecKeysValue('bench'))),
      logger: createLogger('plazo-bench', 'silent'),
      publicUrl: 'http://plazo.bench',
    });
    undo.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const get = async (path: string, token: string | null, web: boolean) => {
      const headers: Record<string, string> = token ? (web ? { cookie: `plazo_session=${token}` } : { authorization: `Bearer ${token}` }) : {};
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
      const bytes = (await res.arrayBuffer()).byteLength;
      return { ms: performance.now() - t0, status: res.status, bytes };
    };

    const results: Record<string, Record<string, { status: number; p50Ms: number; p95Ms: number; bytes: number }>> = {};
    for (const [role, person] of Object.entries(ROLES)) {
      const token = await issueApiToken(db, person.id, 'bench');
      const feed = await issueCalendarToken(db, person.id, null);
      const one = await db.selectFrom('cases').select('id').where(caseScope(person)).orderBy('id').limit(1).executeTakeFirst();
      const caseId = encodeURIComponent(one?.id ?? 'none');
      const pages: [string, string, boolean][] = [
        ['web /cases', '/cases', true],
        ['web /inbox', '/inbox', true],
        ['web /agenda', '/agenda', true],
        ['web case page', `/cases/${caseId}`, true],
        ['web /dashboard', '/dashboard', true],
        ['web deadlines CSV', '/dashboard/deadlines.csv', true],
        ['calendar feed', `/calendar/${feed}.ics`, false],
        ['api /api/cases', '/api/cases', false],
        ['api /api/deadlines', '/api/deadlines', false],
        ['api case', `/api/cases/${caseId}`, false],
        ['api /api/program', '/api/program', false],
      ];
      results[role] = {};
      for (const [label, path, web] of pages) {
        const runs = [];
        for (let i = 0; i < RUNS; i++) runs.push(await get(path, label === 'calendar feed' ? null : token, web));
        const s = summarize(runs.map((r) => r.ms));
        results[role][label] = { status: runs[0]!.status, p50Ms: round(s.p50!), p95Ms: round(s.p95!), bytes: runs[0]!.bytes };
        console.log(`${role.padEnd(11)} ${label.padEnd(20)} ${String(runs[0]!.status).padEnd(4)} p50 ${s.p50!.toFixed(1).padStart(8)} ms   p95 ${s.p95!.toFixed(1).padStart(8)} ms   ${runs[0]!.bytes} bytes`);
      }
    }

    // Health while five dashboards load at once, five rounds.
    const adminToken = await issueApiToken(db, 'adm', 'bench-load');
    const health: number[] = [];
    const dashboards: number[] = [];
    for (let round = 0; round < 5; round++) {
      const loading = Array.from({ length: 5 }, () => get('/api/program', adminToken, false));
      health.push((await get('/api/health', null, false)).ms);
      dashboards.push(...(await Promise.all(loading)).map((r) => r.ms));
    }
    const h = summarize(health);
    const d = summarize(dashboards);
    const load = { healthP50Ms: round(h.p50!), healthMaxMs: round(h.max!), dashboardP50Ms: round(d.p50!), dashboardMaxMs: round(d.max!) };
    console.log(`health while 5 dashboards load: p50 ${load.healthP50Ms} ms, max ${load.healthMaxMs} ms; the dashboards p50 ${load.dashboardP50Ms} ms, max ${load.dashboardMaxMs} ms`);

    const file = join(__dirname, 'results', `pages-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ at: now.toISOString(), cases, runs: RUNS, results, healthWhileDashboardsLoad: load }, null, 2)}\n`);
    console.log(`written ${file}`);
  } finally {
    for (const u of undo.reverse()) await u().catch((err: Error) => process.stderr.write(`teardown: ${err.message}\n`));
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
