import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startInfra } from './infra';
import { openCases, recordDetentions } from './openCases';
import { rssMb } from './processes';

/**
 * `npm run bench:memory`: worker RSS with N open, detained cases (no window, nothing fires) under each
 * of several settings, one fresh stack per setting. How the defaults of package.json's start:worker and
 * PLAZO_MAX_CACHED_WORKFLOWS were chosen (docs/performance.md). Settings come as JSON:
 *   npm run bench:memory -- --cases 2000 --settings '[{"name":"cache 100","env":{"PLAZO_MAX_CACHED_WORKFLOWS":"100"}}]'
 * "env" is added to start:worker's; "nodeOptions" replaces its node flags.
 */
interface Setting {
  name: string;
  env?: Record<string, string>;
  nodeOptions?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (s: string) => process.stderr.write(`[bench:memory] ${s}\n`);

function parse(argv: string[]): { cases: number; settings: Setting[] } {
  let cases = 2000;
  let settings: Setting[] = [{ name: 'start:worker defaults' }];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cases') {
      cases = Number(argv[++i]);
      if (!Number.isInteger(cases) || cases <= 0) throw new Error(`--cases: expected a positive integer, got ${argv[i]}`);
    } else if (argv[i] === '--settings') {
      const parsed = JSON.parse(argv[++i] ?? '') as unknown;
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof (x as Setting)?.name === 'string')) throw new Error('--settings: expected a JSON array of {name, env?, nodeOptions?}');
      settings = parsed as Setting[];
    } else throw new Error(`unknown option ${argv[i]} (--cases N, --settings JSON)`);
  }
  return { cases, settings };
}

async function main(): Promise<void> {
  const { cases, settings } = parse(process.argv.slice(2));
  const results = [];
  for (const s of settings) {
    const infra = await startInfra(log, { temporal: 'dev', workers: 1, worker: 'build', env: s.env ?? {}, nodeOptions: s.nodeOptions });
    try {
      const idleMb = rssMb(infra.workerPid);
      let peakMb = 0;
      const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(infra.workerPid) ?? 0)), 1000);
      const ids = Array.from({ length: cases }, (_, i) => `mem-${Date.now()}-${i}`);
      const opened = await openCases(infra.env.client, ids, 32);
      // Alarm-1 four hours away: every case holds a live deadline and a timer, nothing fires during the run.
      const recorded = await recordDetentions(infra.env.client, ids, ids.map(() => Date.now() + 4 * 3_600_000), 32);
      await sleep(15_000);
      clearInterval(sampler);
      const settledMb = rssMb(infra.workerPid);
      const r = {
        setting: s.name,
        cases,
        nodeFlags: infra.workerNodeFlags,
        worker: infra.workerSettings,
        extraEnv: s.env ?? {},
        idleMb,
        withOpenCasesMb: settledMb,
        peakMb: Math.max(peakMb, settledMb ?? 0),
        openedPerSecond: Math.round(opened.perSecond),
        detentionsPerSecond: Math.round(recorded.perSecond * 10) / 10,
        failures: opened.failures.length + recorded.failures.length,
      };
      log(JSON.stringify(r));
      results.push(r);
    } finally {
      await infra.teardown();
    }
  }
  const out = { kind: 'bench:memory', at: new Date().toISOString(), results };
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
