import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dynamicConfigWith } from '../dev/temporalDynamicConfig';
import { MX_ZONE } from '../domain/time/instant';
import { startInfra, type Infra } from './infra';
import { openCases, recordDetentions } from './openCases';
import { findDescendants, rssMb, treePssMb } from './processes';

/**
 * `npm run bench:memory`: memory with N open cases (nothing fires) under each of several settings, one
 * fresh stack per setting. How the defaults of package.json's start:worker, PLAZO_MAX_CACHED_WORKFLOWS
 * and the Temporal server's caches were chosen (docs/performance.md). Settings come as JSON:
 *   npm run bench:memory -- --cases 2000 --settings '[{"name":"cache 100","env":{"PLAZO_MAX_CACHED_WORKFLOWS":"100"}}]'
 * "env" is added to start:worker's; "nodeOptions" replaces its node flags. On the real server
 * (`--temporal server`), "dynamicConfig" gives keys of dev/temporalDynamicConfig.yaml other values and
 * "temporalEnv" the server's process other variables (GOMEMLIMIT…), and `--steps 5000,10000,20000`
 * measures after each step (cumulative), for the per-case slope and the fixed part.
 * `--shape detained` (default): each case opened and given a detention whose alarm-1 is 4 h away;
 * `--shape idle`: opened as the bench's --idle-cases are (the asylum term's timers), faster to open.
 */
interface Setting {
  name: string;
  env?: Record<string, string>;
  nodeOptions?: string;
  dynamicConfig?: Record<string, unknown>;
  temporalEnv?: Record<string, string>;
}

interface Options {
  steps: number[];
  settings: Setting[];
  temporal: 'dev' | 'server';
  shape: 'detained' | 'idle';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`[bench:memory ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function parse(argv: string[]): Options {
  const o: Options = { steps: [2000], settings: [{ name: 'start:worker defaults' }], temporal: 'dev', shape: 'detained' };
  const count = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name}: expected a positive integer, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cases') o.steps = [count(a, argv[++i])];
    else if (a === '--steps') {
      o.steps = (argv[++i] ?? '').split(',').map((v) => count(a, v));
      if (o.steps.some((n, j) => j > 0 && n <= o.steps[j - 1]!)) throw new Error(`--steps: expected increasing counts, got ${argv[i]}`);
    } else if (a === '--settings') {
      const parsed = JSON.parse(argv[++i] ?? '') as unknown;
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof (x as Setting)?.name === 'string')) throw new Error('--settings: expected a JSON array of {name, env?, nodeOptions?, dynamicConfig?, temporalEnv?}');
      o.settings = parsed as Setting[];
    } else if (a === '--temporal') {
      const v = argv[++i];
      if (v !== 'dev' && v !== 'server') throw new Error(`--temporal: expected dev or server, got ${v}`);
      o.temporal = v;
    } else if (a === '--shape') {
      const v = argv[++i];
      if (v !== 'detained' && v !== 'idle') throw new Error(`--shape: expected detained or idle, got ${v}`);
      o.shape = v;
    } else throw new Error(`unknown option ${a} (--cases N | --steps N,N…, --settings JSON, --temporal dev|server, --shape detained|idle)`);
  }
  if (o.temporal === 'dev' && o.settings.some((s) => s.dynamicConfig || s.temporalEnv)) throw new Error('--settings: dynamicConfig and temporalEnv are for --temporal server');
  return o;
}

/** Least squares: MB = fixed + slope × cases, over the steps measured. */
function fit(points: { cases: number; mb: number }[]): { fixedMb: number; kbPerCase: number } | null {
  if (points.length < 2) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.cases, 0) / n;
  const my = points.reduce((s, p) => s + p.mb, 0) / n;
  const slope = points.reduce((s, p) => s + (p.cases - mx) * (p.mb - my), 0) / points.reduce((s, p) => s + (p.cases - mx) ** 2, 0);
  return { fixedMb: round(my - slope * mx), kbPerCase: round(slope * 1024) };
}

async function measure(o: Options, s: Setting, infra: Infra) {
  const serverPid = findDescendants(o.temporal === 'server' ? /temporal-server/ : /start-dev/)[0];
  const postgresPid = findDescendants(/^(?=.*\/postgres\b)(?=.*-D)/)[0];
  const footprint = () => ({
    temporalServerPssMb: serverPid ? treePssMb(serverPid) : null,
    postgresPssMb: postgresPid ? treePssMb(postgresPid) : null,
    workerRssMb: rssMb(infra.workerPid),
  });
  const ready = footprint();
  let peak = { temporalServerPssMb: 0, workerRssMb: 0 };
  const sampler = setInterval(() => {
    const f = footprint();
    peak = { temporalServerPssMb: Math.max(peak.temporalServerPssMb, f.temporalServerPssMb ?? 0), workerRssMb: Math.max(peak.workerRssMb, f.workerRssMb ?? 0) };
  }, 2000);
  const runId = `mem${Date.now()}`;
  // A count that fails (a connection timing out on a loaded machine) is asked again a second later.
  const projected = async () => Number((await sql<{ n: string }>`select count(*) as n from cases where id like ${`${runId}-%`}`.execute(infra.db).catch(() => ({ rows: [{ n: '-1' }] }))).rows[0]?.n ?? 0);
  const entryDate = DateTime.now().setZone(MX_ZONE).toISODate()!;
  const steps = [];
  let failures = 0;
  try {
    let from = 0;
    for (const to of o.steps) {
      const ids = Array.from({ length: to - from }, (_, i) => `${runId}-${from + i}`);
      const opened = o.shape === 'idle' ? await openCases(infra.env.client, ids, 32, o.temporal === 'server', entryDate) : await openCases(infra.env.client, ids, 32);
      failures += opened.failures.length;
      let detentionsPerSecond: number | undefined;
      if (o.shape === 'detained') {
        // Alarm-1 four hours away: every case holds a live deadline and a timer, nothing fires during the run.
        const recorded = await recordDetentions(infra.env.client, ids, ids.map(() => Date.now() + 4 * 3_600_000), 32);
        failures += recorded.failures.length;
        detentionsPerSecond = round(recorded.perSecond);
      }
      // Every case through its first task (in the read model), then the processes settle.
      for (const until = Date.now() + 600_000; (await projected()) < to - failures && Date.now() < until; ) await sleep(1000);
      await sleep(15_000);
      const step = { openCases: to, at: new Date().toISOString(), ...footprint(), openedPerSecond: round(opened.perSecond), ...(detentionsPerSecond ? { detentionsPerSecond } : {}) };
      log(`${s.name}: ${JSON.stringify(step)}`);
      steps.push(step);
      from = to;
    }
  } finally {
    clearInterval(sampler);
  }
  const last = steps[steps.length - 1]!;
  const pssPoints = steps.flatMap((x) => (x.temporalServerPssMb === null ? [] : [{ cases: x.openCases, mb: x.temporalServerPssMb }]));
  return {
    setting: s.name,
    cases: last.openCases,
    nodeFlags: infra.workerNodeFlags,
    worker: infra.workerSettings,
    extraEnv: s.env ?? {},
    ...(s.dynamicConfig ? { dynamicConfig: s.dynamicConfig } : {}),
    ...(s.temporalEnv ? { temporalEnv: s.temporalEnv } : {}),
    idleMb: ready.workerRssMb,
    withOpenCasesMb: last.workerRssMb,
    peakMb: Math.max(peak.workerRssMb, last.workerRssMb ?? 0),
    openedPerSecond: last.openedPerSecond,
    ...(last.detentionsPerSecond ? { detentionsPerSecond: last.detentionsPerSecond } : {}),
    failures,
    ready,
    steps,
    temporalServerPeakPssMb: peak.temporalServerPssMb,
    // The server's PSS as fixed + slope × open cases, over the steps (the slope flattens once its caches are full).
    temporalServerFit: fit(pssPoints),
  };
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const results = [];
  for (const s of o.settings) {
    const temporalServer = o.temporal === 'server' ? { dynamicConfigPath: s.dynamicConfig ? dynamicConfigWith(s.dynamicConfig) : undefined, env: s.temporalEnv } : undefined;
    const infra = await startInfra(log, { temporal: o.temporal, workers: 1, worker: 'build', env: s.env ?? {}, nodeOptions: s.nodeOptions, temporalServer });
    try {
      results.push(await measure(o, s, infra));
    } finally {
      await infra.teardown();
    }
  }
  const out = { kind: 'bench:memory', at: new Date().toISOString(), temporal: o.temporal, shape: o.shape, results };
  const json = JSON.stringify(out, null, 2);
  process.stdout.write(`${json}\n`);
  const dir = resolve(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(resolve(dir, `memory-${out.at.replace(/[:.]/g, '-')}.json`), `${json}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench:memory: ${err.message}\n`);
    process.exit(1);
  },
);
