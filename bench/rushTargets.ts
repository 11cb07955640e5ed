/**
 * Issue 28's targets for `npm run bench`, each met, missed, or not measured by this run's shape (a window run
 * does not measure the rush, a run with fewer than 50,000 open cases not the server's memory at 50,000). Pure:
 * the run's figures in, the verdicts out, so the rules are tested without a server.
 */
export const CPU_MS_PER_REMINDER = 15;
export const RUSH_P99_MS = 60_000;
export const RUSH_REMINDERS = 10_000;
export const WINDOW_P99_MS = 1_000;
export const OPEN_CASES_AT_SCALE = 50_000;
export const OPENED_PER_SECOND = 100;
export const WORKER_RSS_MB = 300;
export const SERVER_PSS_MB = 1024;

/** CPU seconds of each process at one mark (null: the process was gone, e.g. a worker SIGKILLed). */
export interface CpuMark {
  temporalServer: number | null;
  postgres: number | null;
  /** Every worker's CPU seconds; a killed worker keeps its last reading. */
  workers: (number | null)[];
}

export interface RunFigures {
  scenario: 'window' | 'rush';
  temporal: 'dev' | 'server';
  reminders: { expected: number; received: number; missing: number; duplicated: number };
  /**
   * Every Plazo message (any step, any rule) received from the window's start to the last counted one: a
   * detained case's instant carries several rules' alarms (the detention notice, the amparo, …), each a
   * reminder to each person, so the bench's counted alarm-1s are a third of what is delivered.
   */
  messagesDelivered: number;
  plazoP99Ms: number | null;
  pollerP99Ms: number | null;
  /**
   * The CPU marks at the window's start and when Plazo's last reminder arrived (or its grace ran out). With the
   * dispatcher (PLAZO_STEP_DISPATCHER=on) the cases note what it sent later (once a week, or at their next Update or miss instant):
   * that noting is measured apart (the result's `noting`).
   */
  cpuFrom: CpuMark | undefined;
  cpuTo: CpuMark | undefined;
  openCases: number;
  openedAndVisiblePerSecond: number;
  workerRssPeakMb: number | null;
  serverPssPeakMb: number | null;
  killedWorker: boolean;
}

export interface Target {
  description: string;
  /** Whether this run's shape measures it; a target that does not apply is neither met nor missed. */
  applies: boolean;
  met: boolean | null;
  value: number | null;
  limit: number;
}

/** Server + Postgres + every worker, user + system, between the two marks; null when a figure is missing. */
export function rushCpuSeconds(from: CpuMark | undefined, to: CpuMark | undefined): number | null {
  if (!from || !to || from.temporalServer === null || to.temporalServer === null || from.postgres === null || to.postgres === null) return null;
  // Per worker: one without a reading at either mark (gone, not yet started) adds nothing rather than a negative.
  const workers = to.workers.reduce<number>((a, t, i) => a + (t !== null && from.workers[i] != null ? t - from.workers[i]! : 0), 0);
  return to.temporalServer - from.temporalServer + (to.postgres - from.postgres) + workers;
}

export function rushTargets(f: RunFigures): Record<string, Target> {
  const target = (description: string, applies: boolean, value: number | null, limit: number, atMost = true): Target => ({
    description,
    applies,
    met: applies && value !== null ? (atMost ? value <= limit : value >= limit) : null,
    value: value === null ? null : Math.round(value * 10) / 10,
    limit,
  });
  const cpu = rushCpuSeconds(f.cpuFrom, f.cpuTo);
  const perMessage = cpu !== null && f.messagesDelivered > 0 ? (cpu * 1000) / f.messagesDelivered : null;
  const isRush = f.scenario === 'rush' && f.reminders.expected >= RUSH_REMINDERS;
  return {
    cpuPerDeliveredReminder: target(
      `CPU (server + Postgres + workers) per delivered reminder ≤ ${CPU_MS_PER_REMINDER} ms, from the window's start to the last counted one (with the dispatcher, the cases' noting comes later and is measured apart: "noting"), over every Plazo message delivered then`,
      perMessage !== null,
      perMessage,
      CPU_MS_PER_REMINDER,
    ),
    cpuPerCountedReminder: target(
      `the same CPU over the counted reminders only (each case's detention alarm-1 per person, as the issue's runs divided it): ≤ ${CPU_MS_PER_REMINDER} ms`,
      cpu !== null && f.reminders.received > 0,
      cpu !== null && f.reminders.received > 0 ? (cpu * 1000) / f.reminders.received : null,
      CPU_MS_PER_REMINDER,
    ),
    zeroMissingZeroDuplicated: target(
      `0 reminders missing, 0 duplicated${f.killedWorker ? ', a worker SIGKILLed during the run' : ''} (value: missing + duplicated)`,
      true,
      f.reminders.missing + f.reminders.duplicated,
      0,
    ),
    rushP99: target(`the rush (≥ ${RUSH_REMINDERS} reminders at one instant): Plazo's p99 ≤ ${RUSH_P99_MS / 1000} s`, isRush, f.plazoP99Ms, RUSH_P99_MS),
    rushAtMostHalfThePoller: target(
      "the rush: Plazo's p99 at most half the 1-minute poller's in the same run (value: Plazo's p99 over the poller's)",
      isRush && f.pollerP99Ms !== null && f.pollerP99Ms > 0,
      f.plazoP99Ms !== null && f.pollerP99Ms ? f.plazoP99Ms / f.pollerP99Ms : null,
      0.5,
    ),
    windowP99AmongFiftyThousand: target(
      `the window among ≥ ${OPEN_CASES_AT_SCALE} open cases: p99 ≤ ${WINDOW_P99_MS} ms`,
      f.scenario === 'window' && f.openCases >= OPEN_CASES_AT_SCALE,
      f.plazoP99Ms,
      WINDOW_P99_MS,
    ),
    openedAndVisiblePerSecond: target(`cases opened and in the read model ≥ ${OPENED_PER_SECOND}/s`, true, f.openedAndVisiblePerSecond, OPENED_PER_SECOND, false),
    workerRss: target(`every worker's RSS ≤ ${WORKER_RSS_MB} MB (peak)`, f.workerRssPeakMb !== null, f.workerRssPeakMb, WORKER_RSS_MB),
    serverPssAtFiftyThousand: target(
      `the Temporal server's PSS ≤ ${SERVER_PSS_MB} MB with ≥ ${OPEN_CASES_AT_SCALE} open cases (peak)`,
      f.temporal === 'server' && f.openCases >= OPEN_CASES_AT_SCALE && f.serverPssPeakMb !== null,
      f.serverPssPeakMb,
      SERVER_PSS_MB,
    ),
  };
}

/** One line per target for the log: met, MISSED, or not measured here. */
export function targetLines(targets: Record<string, Target>): string[] {
  return Object.entries(targets).map(([name, t]) => `target ${name}: ${!t.applies ? 'not measured by this run' : t.met ? 'met' : 'MISSED'} (${t.value ?? '–'} vs ${t.limit}) — ${t.description}`);
}
