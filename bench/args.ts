/** Command-line options of `npm run bench`. */
import { IMPORT_SUMMARY_DELAY_MS } from '../domain/case/deadlineOpening';

/** The default lead (rush and window): the cases' before-Plazo summaries (10 min after recording) plus time to send them. */
export const SUMMARIES_LEAD_SECONDS = IMPORT_SUMMARY_DELAY_MS / 1000 + 300;

export interface BenchOptions {
  cases: number;
  windowMinutes: number;
  pollMinutes: number;
  /** Seconds between the end of opening (and recording the detentions) and the start of the window. */
  leadSeconds: number;
  /** Bound on the wait for stragglers after the window (and after the poller's last sweep). */
  graceSeconds: number;
  /** Clients starting cases at once. */
  openConcurrency: number;
  calculatorSeconds: number;
  quick: boolean;
  /** Cases opened and given a detention first, to warm the worker up and measure the recording rate. */
  warmupCases: number;
  /** `build`: what production runs (`npm run build`, then package.json's start:worker); `source`: worker/main.ts through tsx, webpack at start. */
  worker: 'build' | 'source';
  /** Extra environment for the worker (PLAZO_MAX_CACHED_WORKFLOWS, MALLOC_ARENA_MAX, …), over the production defaults. */
  workerEnv: Record<string, string>;
  /** Replaces the node flags of start:worker (e.g. a different --max-old-space-size). */
  workerNodeOptions?: string;
  /** `dev`: the Temporal CLI's dev server (SQLite); `server`: the real Temporal server on Postgres, as in production. */
  temporal: 'dev' | 'server';
  /** Worker processes polling the task queue. */
  workers: number;
  /**
   * `window`: each case's alarm spread over the window; `rush`: every reminder due at the same instant, as
   * day-counted reminders all go out at 09:00 Mexico City time (`--reminders` of them; 3 per case).
   */
  scenario: 'window' | 'rush';
  reminders: number;
  /** Cases opened before the measured ones and left open (each holding the asylum term's timers, nothing due during the run): the 50,000-open-cases run. */
  idleCases: number;
  /** Rush: SIGKILL the first worker this many seconds after the instant (needs --workers ≥ 2). */
  killWorkerAfterSeconds?: number;
}

export function parseArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    cases: 2000,
    windowMinutes: 5,
    pollMinutes: 5,
    leadSeconds: 60,
    graceSeconds: 120,
    openConcurrency: 32,
    calculatorSeconds: 5,
    quick: false,
    warmupCases: -1,
    worker: 'build',
    workerEnv: {},
    temporal: 'dev',
    workers: 1,
    scenario: 'window',
    reminders: 10_000,
    idleCases: 0,
  };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (name: string): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${name}: expected a positive number, got ${argv[i]}`);
      seen.add(name);
      return v;
    };
    switch (a) {
      case '--cases': o.cases = Math.floor(num(a)); break;
      case '--window-minutes': o.windowMinutes = num(a); break;
      case '--poll-minutes': o.pollMinutes = num(a); break;
      case '--lead-seconds': o.leadSeconds = num(a); break;
      case '--grace-seconds': o.graceSeconds = num(a); break;
      case '--open-concurrency': o.openConcurrency = Math.floor(num(a)); break;
      case '--calculator-seconds': o.calculatorSeconds = num(a); break;
      case '--quick': o.quick = true; break;
      case '--warmup-cases': o.warmupCases = Math.floor(num(a)); break;
      case '--worker': {
        const v = argv[++i];
        if (v !== 'build' && v !== 'source') throw new Error(`--worker: expected build or source, got ${v}`);
        o.worker = v;
        break;
      }
      case '--worker-env': {
        const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(argv[++i] ?? '');
        if (!m) throw new Error(`--worker-env: expected NAME=value, got ${argv[i]}`);
        o.workerEnv[m[1]!] = m[2]!;
        break;
      }
      case '--worker-node-options': o.workerNodeOptions = argv[++i] ?? ''; break;
      case '--temporal': {
        const v = argv[++i];
        if (v !== 'dev' && v !== 'server') throw new Error(`--temporal: expected dev or server, got ${v}`);
        o.temporal = v;
        break;
      }
      case '--workers': o.workers = Math.floor(num(a)); break;
      case '--scenario': {
        const v = argv[++i];
        if (v !== 'window' && v !== 'rush') throw new Error(`--scenario: expected window or rush, got ${v}`);
        o.scenario = v;
        break;
      }
      case '--reminders': o.reminders = Math.floor(num(a)); break;
      case '--kill-worker-after-seconds': o.killWorkerAfterSeconds = num(a); break;
      case '--idle-cases': o.idleCases = Math.floor(num(a)); break;
      case '--help':
        process.stdout.write('npm run bench -- [--cases N] [--window-minutes W] [--poll-minutes M] [--quick] [--lead-seconds S] [--grace-seconds S] [--open-concurrency C] [--calculator-seconds S] [--warmup-cases W] [--worker build|source] [--worker-env NAME=value]... [--worker-node-options "--max-old-space-size=256"] [--temporal dev|server] [--workers N] [--scenario window|rush] [--reminders N] [--kill-worker-after-seconds S] [--idle-cases N]\n');
        process.exit(0);
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  if (o.quick) {
    if (!seen.has('--cases')) o.cases = 200;
    if (!seen.has('--window-minutes')) o.windowMinutes = 1;
    if (!seen.has('--poll-minutes')) o.pollMinutes = 1;
    if (!seen.has('--lead-seconds')) o.leadSeconds = 30;
    if (!seen.has('--calculator-seconds')) o.calculatorSeconds = 2;
  }
  if (o.quick && !seen.has('--reminders')) o.reminders = 300;
  if (o.scenario === 'rush') {
    // Three people per case's alarm: the reminders decide the cases; the window is one instant.
    if (!seen.has('--cases')) o.cases = Math.ceil(o.reminders / 3);
    if (!seen.has('--grace-seconds')) o.graceSeconds = 900;
  }
  // The bench's detentions began 4 h before their instant, before their cases were in Plazo: each case's
  // summary of what was not sent goes out 10 min after the recording. In real use the cases were recorded
  // days before; the lead puts those summaries before the rush or the window, so its figures are its own.
  if (!seen.has('--lead-seconds') && !o.quick) o.leadSeconds = SUMMARIES_LEAD_SECONDS;
  if (o.killWorkerAfterSeconds !== undefined && o.workers < 2) throw new Error('--kill-worker-after-seconds: needs --workers 2 or more (someone must take over)');
  if (o.warmupCases < 0) o.warmupCases = Math.max(10, Math.min(100, Math.round(o.cases / 20)));
  return o;
}
