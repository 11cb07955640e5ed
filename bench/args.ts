/** Command-line options of `npm run bench`. */
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
  /** JSON Worker.create options: runs bench/tunedWorker.ts instead of worker/main.ts. */
  workerOptions?: Record<string, unknown>;
  /** Bundle the workflows in the bench and hand the worker the file (implies bench/tunedWorker.ts). */
  prebundle: boolean;
  /** NODE_OPTIONS for the worker process, e.g. --max-old-space-size=256. */
  workerNodeOptions?: string;
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
    prebundle: false,
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
      case '--prebundle': o.prebundle = true; break;
      case '--worker-node-options': o.workerNodeOptions = argv[++i] ?? ''; break;
      case '--worker-options':
        o.workerOptions = JSON.parse(argv[++i] ?? '{}') as Record<string, unknown>;
        break;
      case '--help':
        process.stdout.write('npm run bench -- [--cases N] [--window-minutes W] [--poll-minutes M] [--quick] [--lead-seconds S] [--grace-seconds S] [--open-concurrency C] [--calculator-seconds S] [--warmup-cases W] [--worker-options JSON] [--prebundle] [--worker-node-options "--max-old-space-size=256"]\n');
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
  if (o.warmupCases < 0) o.warmupCases = Math.max(10, Math.min(100, Math.round(o.cases / 20)));
  return o;
}
