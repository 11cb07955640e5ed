/**
 * How long one page of "Mis casos" takes at 10,000 cases (`npm run bench:case-list`): an embedded
 * Postgres, migrated, seeded by dev/caseListSeed.ts, then each kind of page asked 30 times through
 * listCasePage (the page's whole read: the page query, its cases' deadlines, the holders' names, the
 * filter choices and the time left of every deadline). Prints the medians and p95s and writes them to
 * bench/results/case-list-<time>.json. The test (app/cases/listCasePage.test.ts) checks the plans instead
 * of times, so it cannot flake; this is the figure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthUser } from '../app/auth';
import { listCasePage } from '../app/cases/listCasePage';
import { CaseListQuerySchema } from '../app/caseListSchema';
import { createDb, migrateToLatest } from '../db/database';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { seedCaseList } from '../dev/caseListSeed';
import { freePort } from '../dev/freePort';
import { summarize } from './stats';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const RUNS = 30;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plazo-bench-list-'));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const db = createDb(await pg.createDatabase('plazo_case_list'), 5);
  try {
    await migrateToLatest(db);
    const now = new Date();
    await db.insertInto('users').values([
      { id: 'adm', name: 'Eva', email: 'eva@bench.test', role: 'admin', language: 'es' },
      { id: 'sup-3', name: 'Beto', email: 'beto@bench.test', role: 'supervisor', language: 'es' },
    ]).execute();
    await db.insertInto('teams').values({ id: 't3', name: 'Equipo 3', supervisor_id: 'sup-3' }).execute();
    await seedCaseList(db, now, CASES);
    await db.insertInto('team_members').values([{ team_id: 't3', user_id: 'cw-3' }, { team_id: 't3', user_id: 'cw-4' }]).execute();
    const admin: AuthUser = { id: 'adm', name: 'Eva', email: 'eva@bench.test', role: 'admin', language: 'es' };
    const caseworker: AuthUser = { id: 'cw-7', name: 'CW-7', email: 'cw-7@plazo.test', role: 'caseworker', language: 'es' };
    const supervisor: AuthUser = { id: 'sup-3', name: 'Beto', email: 'beto@bench.test', role: 'supervisor', language: 'es' };
    // A cursor 100 pages deep, from walking the admin's list once.
    let deep: string | undefined;
    for (let i = 0; i < 100; i++) deep = (await listCasePage(db, admin, CaseListQuerySchema.parse(deep ? { after: deep } : {}), 'es', now)).next ?? deep;
    const kinds: [string, AuthUser, Record<string, string>][] = [
      ['admin, first page', admin, {}],
      ['admin, page 101', admin, { after: deep! }],
      ['admin, search by name', admin, { q: 'niña 77' }],
      ['admin, overdue in one office', admin, { overdue: '1', office: 'CDMX' }],
      ['admin, closed', admin, { status: 'closed' }],
      ['supervisor, first page', supervisor, {}],
      ['caseworker, first page', caseworker, {}],
    ];
    const results: Record<string, { p50Ms: number; p95Ms: number; rows: number }> = {};
    for (const [label, user, input] of kinds) {
      const q = CaseListQuerySchema.parse(input);
      const micros: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = process.hrtime.bigint();
        rows = (await listCasePage(db, user, q, 'es', now)).items.length;
        micros.push(Number((process.hrtime.bigint() - t0) / 1000n));
      }
      const s = summarize(micros);
      results[label] = { p50Ms: s.p50! / 1000, p95Ms: s.p95! / 1000, rows };
      console.log(`${label.padEnd(32)} p50 ${(s.p50! / 1000).toFixed(1).padStart(6)} ms   p95 ${(s.p95! / 1000).toFixed(1).padStart(6)} ms   ${rows} cases shown`);
    }
    const file = join(__dirname, 'results', `case-list-${now.toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify({ at: now.toISOString(), cases: CASES, runs: RUNS, results }, null, 2)}\n`);
    console.log(`written ${file}`);
  } finally {
    await db.destroy();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
