/**
 * The import rate (`npm run bench:import -- --rows 1000`): a generated XLSX of N cases with past events
 * (entry, the Procuraduría's notice, a claim filed for two thirds, a denial for a third) previewed, then
 * imported through app/import as the API runs it, on the Temporal dev server, Postgres, SMTP and the real
 * worker process (bench/infra.ts); then imported a second time, which must add nothing. Prints one JSON
 * object and writes it to bench/results/import-<time>.json.
 */
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { AppDeps } from '../app/appDeps';
import type { AuthUser } from '../app/auth';
import { errorMessage } from '../app/errorText';
import { prepareImport } from '../app/import/previewRows';
import { runImport } from '../app/import/runImport';
import { summarize } from '../domain/import/report';
import { IMPORT_COLUMNS, type ImportColumnKey } from '../domain/import/columns';
import { todayInMexico } from '../domain/time/instant';
import { createLogger } from '../config/logger';
import { BENCH_PEOPLE, startInfra, TASK_QUEUE } from './infra';
import { findDescendants, treeCpuSeconds } from './processes';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 1000;
if (!Number.isInteger(ROWS) || ROWS < 1 || ROWS > 5000) throw new Error('--rows: must be a whole number from 1 to 5000');

const ADMIN: AuthUser = { id: 'bench-adm', name: 'Eva', email: 'eva@bench.test', role: 'admin', language: 'es' };
const daysAgo = (n: number) => todayInMexico(Date.now() - n * 86_400_000);

async function sheet(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Casos');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (let i = 1; i <= rows; i++) {
    const entered = 30 + (i % 60);
    const row: Partial<Record<ImportColumnKey, string>> = {
      fileNumber: `BENCH-${i}`, childName: `Niña ${i}`, birthDate: daysAgo(365 * 12 + (i % 300)), nationality: 'Honduras', entryDate: daysAgo(entered), office: 'COMAR CDMX',
      caseworker: BENCH_PEOPLE.caseworker.email, supervisor: BENCH_PEOPLE.supervisor.id, lawyer: BENCH_PEOPLE.lawyer.id, procuraduriaNotified: daysAgo(entered - 1),
      ...(i % 3 >= 1 ? { asylumClaimFiled: daysAgo(entered - 10) } : {}),
      ...(i % 3 === 2 ? { decisionNotified: daysAgo(5), decisionOutcome: 'negado' } : {}),
    };
    ws.addRow(IMPORT_COLUMNS.map((c) => row[c.key] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function main(): Promise<void> {
  const log = (s: string) => console.error(`[bench:import] ${s}`);
  const infra = await startInfra(log, { worker: 'source', env: {}, temporal: 'dev', workers: 1 });
  try {
    await infra.db.insertInto('users').values({ ...ADMIN }).execute();
    const deps: AppDeps = { db: infra.db, temporal: infra.env.client, taskQueue: TASK_QUEUE, links: { publicUrl: 'http://plazo.bench', temporalUiUrl: 'http://ui.bench', namespace: 'default' }, logger: createLogger('bench-import', 'silent') };
    const req = { file: { name: 'casos.xlsx', contentBase64: await sheet(ROWS) } };
    const say = (e: Parameters<typeof errorMessage>[0]) => errorMessage(e, 'es');

    // CPU seconds per phase, by process: this one (the API's part), the worker, Temporal, Postgres (the machine is shared: wall time alone misleads).
    const pids = { api: process.pid, worker: infra.workerPid, temporal: findDescendants(/start-dev/)[0], postgres: findDescendants(/^(?=.*\/postgres\b)(?=.*-D)/)[0] };
    const cpuNow = () => Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, k === 'api' ? process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 : pid === undefined ? 0 : (treeCpuSeconds(pid) ?? 0)]));
    const cpuSince = (before: Record<string, number>) => {
      const now = cpuNow();
      return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, Math.round((v - before[k]!) * 100) / 100]));
    };

    let cpu0 = cpuNow();
    let t0 = performance.now();
    const preview = await prepareImport(deps, ADMIN, req, say);
    const previewSeconds = (performance.now() - t0) / 1000;
    const previewCpu = cpuSince(cpu0);
    log(`preview: ${ROWS} rows in ${previewSeconds.toFixed(1)} s`);

    cpu0 = cpuNow();
    t0 = performance.now();
    const first = await runImport(deps, ADMIN, req, say, (done, total) => done % 100 === 0 && log(`${done}/${total}`));
    const importSeconds = (performance.now() - t0) / 1000;
    const importCpu = cpuSince(cpu0);
    const opened = first.rows.filter((r) => r.result.status === 'opened').length;
    const events = first.rows.reduce((n, r) => n + r.events.length, 0);

    cpu0 = cpuNow();
    t0 = performance.now();
    const second = await runImport(deps, ADMIN, req, say);
    const secondSeconds = (performance.now() - t0) / 1000;
    const secondCpu = cpuSince(cpu0);
    const cases = Number((await infra.db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    const result = {
      at: new Date().toISOString(),
      rows: ROWS,
      loadAverage: loadavg(),
      preview: { seconds: previewSeconds, rowsPerSecond: ROWS / previewSeconds, cpuSeconds: previewCpu, byStatus: summarize(preview.rows.map((r) => r.result)).byStatus },
      import: { seconds: importSeconds, casesOpened: opened, eventsRecorded: events, casesPerSecond: opened / importSeconds, cpuSeconds: importCpu, byStatus: summarize(first.rows.map((r) => r.result)).byStatus },
      secondImport: { seconds: secondSeconds, cpuSeconds: secondCpu, byStatus: summarize(second.rows.map((r) => r.result)).byStatus, casesInPlazo: cases },
      mailsCaught: infra.mail.messages.length,
    };
    console.log(JSON.stringify(result, null, 2));
    const file = join(__dirname, 'results', `import-${result.at.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    log(`written ${file}`);
  } finally {
    await infra.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
