import { EnvSchema } from '../config/env';
import { sql } from 'kysely';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { MX_ZONE } from '../domain/time/instant';
import { parseArgs } from './args';
import { benchCalculator } from './calculator';
import { BENCH_PEOPLE, startInfra, type Infra, TASK_QUEUE } from './infra';
import { STEP_DISPATCHER_WORKFLOW_ID, stepDispatcherWorkflow } from '../workflows/stepDispatcher';
import { DISPATCHER_GRACE_MS } from '../domain/case/steps';
import { latenessOf, plazoAlarm1Keys, plazoDue, plazoDuplicateKeys, pollerDue, pollerKeys, type Expected } from './lateness';
import { openCases, recordDetentions } from './openCases';
import { addDue, createPollerTable, startPoller, type Poller } from './pollerBaseline';
import { findDescendants, rssMb, treeCpuSeconds, treePssMb } from './processes';
import { rushCpuSeconds, rushTargets, targetLines } from './rushTargets';
import { handStepsBack } from '../activities/stepsLeft';
import { caseWorkflowId } from '../workflows/caseDefinitions';
import { describeUnnotedCases, type UnnotedCase } from './unnotedCases';
import { sentNotNoted } from '../db/stepOutbox';

/**
 * `npm run bench`: opens N cases on the real dev server with the real worker, Postgres and SMTP, arranges
 * that every case's alarm-1 falls due inside a short window, and measures when each message arrives,
 * beside a cron-style poller sending the same reminders. Prints one JSON object and writes it to
 * bench/results/. Not a test: no assertion fails it; the figures are the output.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t00 = Date.now();
const log = (s: string) => process.stderr.write(`[bench +${((Date.now() - t00) / 1000).toFixed(0)}s] ${s}\n`);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  log(`options ${JSON.stringify(o)}`);

  // 5. The calculator alone, first, while nothing else of the bench runs.
  const calculator = benchCalculator(o.calculatorSeconds);
  log(`calculator: ${calculator.computationsPerSecond} computations/s`);

  let infra: Infra | undefined;
  let poller: Poller | undefined;
  let sampler: NodeJS.Timeout | undefined;
  try {
    infra = await startInfra(log, { temporal: o.temporal, workers: o.workers, worker: o.worker, env: o.workerEnv, nodeOptions: o.workerNodeOptions });
    const { env, mail, db, workerPid } = infra;
    await createPollerTable(db);
    // With PLAZO_STEP_DISPATCHER=on the cases' steps go through the dispatcher across cases, which the API
    // starts in production (client/api/dailyDigestStart.ts); the bench has no API and starts it here.
    const dispatcherOn = o.workerEnv.PLAZO_STEP_DISPATCHER === 'on';
    if (dispatcherOn) await env.client.workflow.start(stepDispatcherWorkflow, { taskQueue: TASK_QUEUE, workflowId: STEP_DISPATCHER_WORKFLOW_ID, args: [{}] });
    // The poller keeps as many SMTP connections as one worker does (its setting, or the default).
    poller = startPoller(db, { smtpPort: mail.smtpPort, everyMinutes: o.pollMinutes, connections: EnvSchema.shape.SMTP_MAX_CONNECTIONS.parse(o.workerEnv.SMTP_MAX_CONNECTIONS) });

    // CPU per process (the Temporal server, Postgres with its backends, the first worker, this process).
    const serverPid = findDescendants(o.temporal === 'server' ? /temporal-server/ : /start-dev/)[0];
    const postgresPid = findDescendants(/^(?=.*\/postgres\b)(?=.*-D)/)[0];
    // Every worker's CPU; a SIGKILLed worker keeps its last reading (sampled every 2 s below).
    const lastWorkerCpu: (number | null)[] = infra.workers.map(() => null);
    const workersCpu = () =>
      infra!.workers.map((w, i) => {
        const s = w.proc.pid ? treeCpuSeconds(w.proc.pid) : null;
        if (s !== null) lastWorkerCpu[i] = s;
        return lastWorkerCpu[i] ?? null;
      });
    const cpu = () => ({
      temporalServer: serverPid ? treeCpuSeconds(serverPid) : null,
      postgres: postgresPid ? treeCpuSeconds(postgresPid) : null,
      worker: treeCpuSeconds(workerPid),
      workers: workersCpu(),
      benchProcess: round(process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6, 2),
    });
    // Memory (PSS: shared pages once) of the server and Postgres, and each database's size on disk.
    const footprint = async () => ({
      at: new Date().toISOString(),
      temporalServerPssMb: serverPid ? treePssMb(serverPid) : null,
      postgresPssMb: postgresPid ? treePssMb(postgresPid) : null,
      workerRssMb: infra!.workers.map((w) => (w.proc.pid ? rssMb(w.proc.pid) : null)),
      databaseMb: Object.fromEntries(
        (await sql<{ name: string; bytes: string }>`select datname as name, pg_database_size(datname)::text as bytes from pg_database where not datistemplate`.execute(db)).rows.map((r) => [
          r.name,
          round(Number(r.bytes) / 2 ** 20),
        ]),
      ),
    });
    const footprints: Record<string, Awaited<ReturnType<typeof footprint>>> = { ready: await footprint() };
    const cpuMarks: Record<string, ReturnType<typeof cpu> & { at: string }> = {};
    const mark = (name: string) => (cpuMarks[name] = { at: new Date().toISOString(), ...cpu() });
    mark('ready');

    const rssSamples: { t: number; mb: number }[] = [];
    let everyWorkerRssPeak = 0;
    const sample = () => {
      const mb = rssMb(workerPid);
      if (mb !== null) rssSamples.push({ t: Date.now(), mb });
      for (const w of infra!.workers) everyWorkerRssPeak = Math.max(everyWorkerRssPeak, (w.proc.pid ? rssMb(w.proc.pid) : null) ?? 0);
      workersCpu();
    };
    sample();
    const rssIdle = rssMb(workerPid);
    sampler = setInterval(sample, 2000);

    const runId = startedAt.toISOString().replace(/[-:.TZ]/g, '').slice(0, 14);
    const projectedCount = async (prefix: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from cases where id like ${`${prefix}%`}`.execute(db)).rows[0]?.n ?? 0);
    /** Waits, bounded, until the read model holds `n` cases under `prefix`; returns how many it holds. */
    const waitForProjected = async (prefix: string, n: number, boundMs: number, everyMs: number) => {
      const until = performance.now() + boundMs;
      let count = await projectedCount(prefix);
      while (count < n && performance.now() < until) {
        await sleep(everyMs);
        count = await projectedCount(prefix);
      }
      return count;
    };
    const openCaseCount = o.cases + o.warmupCases + o.idleCases; // during the window (idle ones included)

    // Warm-up: a few cases opened and detained now (their alarm-1 is 4 h away, after the bench), which
    // warms the worker and measures how fast detentions are recorded, to place the window after them.
    const warmIds = Array.from({ length: o.warmupCases }, (_, i) => `bench-${runId}-w${i}`);
    // On the real server Plazo's search attributes are registered: cases keep them current, as in production.
    const searchAttributes = o.temporal === 'server';
    await openCases(env.client, warmIds, o.openConcurrency, searchAttributes);
    const warmRecorded = await recordDetentions(env.client, warmIds, warmIds.map(() => Date.now() + 4 * 3_600_000), o.openConcurrency);
    log(`warm-up: ${o.warmupCases} cases detained at ${warmRecorded.perSecond.toFixed(1)}/s`);
    mark('warmedUp');

    // Idle cases (the 50,000-open-cases run): opened first and left open; none falls due during the run.
    let idle: { seconds: number; perSecond: number; failures: number } | undefined;
    if (o.idleCases > 0) {
      const idleIds = Array.from({ length: o.idleCases }, (_, i) => `bench-${runId}i-${i}`); // not under the measured cases' prefix
      log(`opening ${o.idleCases} idle cases…`);
      const entryDate = DateTime.now().setZone(MX_ZONE).toISODate()!;
      const r = await openCases(env.client, idleIds, o.openConcurrency, searchAttributes, entryDate);
      await waitForProjected(`bench-${runId}i-`, o.idleCases - r.failures.length, 600_000, 1000);
      idle = { seconds: round(r.seconds), perSecond: round(r.perSecond), failures: r.failures.length };
      log(`idle cases open: ${JSON.stringify(idle)}`);
      mark('idleOpened');
      footprints.idleOpened = await footprint();
    }

    // 1. Open N cases as fast as the client can; also time until the read model shows them (what the API waits for).
    const caseIds = Array.from({ length: o.cases }, (_, i) => `bench-${runId}-${i}`);
    log(`opening ${o.cases} cases…`);
    const openT0 = performance.now();
    const opened = await openCases(env.client, caseIds, o.openConcurrency, searchAttributes);
    log(`opened ${o.cases - opened.failures.length} in ${opened.seconds.toFixed(1)} s (${opened.perSecond.toFixed(1)}/s)`);
    const projectedAll = (await waitForProjected(`bench-${runId}-`, o.cases + o.warmupCases, 300_000, 200)) - o.warmupCases;
    const projectedSeconds = (performance.now() - openT0) / 1000;
    log(`${projectedAll} cases in the read model ${projectedSeconds.toFixed(1)} s after the first start`);
    mark('opened');
    footprints.opened = await footprint();

    // 2. Arrange the window: start after the detentions are recorded (estimated from the warm-up rate, ×1.3) plus a lead.
    const estimateRecordMs = (o.cases / Math.max(0.5, warmRecorded.perSecond)) * 1300;
    const windowStart = Date.now() + estimateRecordMs + o.leadSeconds * 1000;
    // The rush: one instant for every case (the 09:00 reminders of a day).
    const windowMs = o.scenario === 'rush' ? 0 : o.windowMinutes * 60_000;
    const targets = caseIds.map((_, i) => Math.round(windowStart + (i * windowMs) / o.cases));
    const windowEnd = windowStart + windowMs;
    const recipients = [BENCH_PEOPLE.caseworker.email, BENCH_PEOPLE.supervisor.email, BENCH_PEOPLE.lawyer.email];
    const expected: Expected[] = caseIds.flatMap((caseId, i) => recipients.map((recipient) => ({ caseId, recipient, dueAt: targets[i]! })));
    await addDue(db, expected.map((e) => ({ caseId: e.caseId, recipient: e.recipient, dueAt: new Date(e.dueAt) })));
    log(`window ${new Date(windowStart).toISOString()} → ${new Date(windowEnd).toISOString()}; recording detentions…`);
    const recorded = await recordDetentions(env.client, caseIds, targets, o.openConcurrency);
    const recordedAt = Date.now();
    log(`recorded ${o.cases - recorded.failures.length} detentions in ${recorded.seconds.toFixed(1)} s (${recorded.perSecond.toFixed(1)}/s)`);
    // Detentions recorded after their alarm's instant fire at once: lateness then measures recording, not firing.
    if (recordedAt > windowStart) log(`WARNING: recording ended ${((recordedAt - windowStart) / 1000).toFixed(0)} s after the window opened; lateness is not meaningful: rerun with a larger --lead-seconds`);
    mark('recorded');

    // 3. RSS with N open cases (each now holding timers), just before the window.
    while (Date.now() < windowStart - 2000) await sleep(Math.min(1000, windowStart - 2000 - Date.now()));
    const rssOpen = rssMb(workerPid);
    const catchUpMessages = mail.messages.filter((m) => m.keys.some((k) => k.includes('/alarm-0/'))).length;
    log(`window opens; worker RSS ${rssOpen} MB; ${catchUpMessages} catch-up alarm-0 messages so far`);
    mark('windowStart');
    let killedAt: number | undefined;
    /** Cases that did not note a step the dispatcher sent, described while the server is up. */
    let unnoted: UnnotedCase[] = [];
    if (o.killWorkerAfterSeconds !== undefined) {
      const victim = infra.workers[0]!;
      setTimeout(() => {
        killedAt = Date.now();
        log(`SIGKILL worker pid ${victim.proc.pid}`);
        void victim.stop('SIGKILL');
      }, Math.max(0, windowStart + o.killWorkerAfterSeconds * 1000 - Date.now()));
    }

    // Wait for the window, then bounded for stragglers (Plazo) and for the poller's first sweep after the window.
    const plazoCount = () => mail.messages.reduce((n, m) => n + plazoAlarm1Keys(m).length, 0);
    const pollerCount = () => mail.messages.reduce((n, m) => n + pollerKeys(m).length, 0);
    const every = o.pollMinutes * 60_000;
    const lastSweepDue = Math.floor(windowEnd / every) * every + every;
    const plazoDeadline = windowEnd + o.graceSeconds * 1000;
    const pollerDeadline = lastSweepDue + o.graceSeconds * 1000;
    let plazoDoneAt: number | undefined;
    for (let guard = 0; guard < 100_000; guard++) {
      const now = Date.now();
      if (!plazoDoneAt && now >= windowEnd && (plazoCount() >= expected.length || now >= plazoDeadline)) {
        plazoDoneAt = now;
        mark('plazoDone');
        log(`plazo: ${plazoCount()}/${expected.length} alarm-1 messages`);
      }
      const pollerDone = pollerCount() >= expected.length || now >= pollerDeadline;
      if (plazoDoneAt && pollerDone && now >= windowEnd) break;
      if (guard % 30 === 0) log(`waiting: plazo ${plazoCount()}/${expected.length}, poller ${pollerCount()}/${expected.length}, rss ${rssMb(workerPid)} MB`);
      await sleep(1000);
    }
    // The cases whose steps the dispatcher sent note them later: once after the last of their steps within a week
    // (NOTING_SPAN_MS), or at their next Update or miss instant. The bench wakes the measured cases now by the signal the engine
    // reconciler would send and measures that noting apart from the window (noting: CPU per case woken).
    if (dispatcherOn) {
      mark('notingFrom');
      const signalled = await handStepsBack(env.client, caseIds.map(caseWorkflowId));
      log(`woke ${signalled} cases to note what the dispatcher sent`);
      const until = Date.now() + DISPATCHER_GRACE_MS + 300_000;
      const sentNotNotedCount = async () => Number((await db.selectFrom('step_outbox').select((eb) => eb.fn.countAll<string>().as('n')).where(sentNotNoted()).executeTakeFirstOrThrow()).n);
      let left = await sentNotNotedCount();
      while (left > 0 && Date.now() < until) {
        await sleep(2000);
        left = await sentNotNotedCount();
      }
      mark('casesNoted');
      log(`cases noted what the dispatcher sent: ${left} steps not noted yet`);
      if (left > 0) {
        unnoted = await describeUnnotedCases(db, env.client);
        log(`not noted: ${JSON.stringify(unnoted, null, 2)}`);
      }
    }
    await sleep(3000); // room for a duplicate to show up, if there were one
    mark('end');
    footprints.end = await footprint();
    clearInterval(sampler);
    sampler = undefined;

    const plazo = latenessOf(expected, mail.messages, plazoAlarm1Keys, plazoDue);
    // Sustained delivery rate: messages of the window over the time from its start to the last one.
    const arrivals = mail.messages.filter((m) => plazoAlarm1Keys(m).length > 0).map((m) => m.receivedAt.getTime());
    const lastArrival = arrivals.length ? Math.max(...arrivals) : null;
    const baseline = latenessOf(expected, mail.messages, pollerKeys, pollerDue);
    const rssPeak = Math.max(...rssSamples.map((s) => s.mb));
    const summaryArrivals = mail.messages.filter((m) => m.keys.some((k) => k.includes('/summary/before-plazo/'))).map((m) => m.receivedAt.getTime());
    const serverPss = Object.values(footprints).map((f) => f.temporalServerPssMb).filter((x): x is number => x !== null);
    const targets28 = rushTargets({
      scenario: o.scenario,
      temporal: o.temporal,
      reminders: { expected: plazo.expected, received: plazo.received, missing: plazo.missing, duplicated: plazo.duplicated + plazoDuplicateKeys(mail.messages) },
      // Reminders (the catcher's messages: one per ledger key), not emails: steps due together reach a person in one email.
      messagesDelivered: mail.messages.filter((m) => m.keys.length > 0 && m.receivedAt.getTime() >= windowStart && m.receivedAt.getTime() <= (plazoDoneAt ?? Date.now())).length,
      plazoP99Ms: plazo.latenessMs.p99,
      pollerP99Ms: baseline.latenessMs.p99,
      cpuFrom: cpuMarks.windowStart,
      cpuTo: cpuMarks.plazoDone,
      openCases: openCaseCount,
      openedAndVisiblePerSecond: projectedAll / projectedSeconds,
      workerRssPeakMb: everyWorkerRssPeak || null,
      serverPssPeakMb: serverPss.length ? Math.max(...serverPss) : null,
      killedWorker: killedAt !== undefined,
    });
    const result = {
      benchmark: o.scenario === 'rush' ? 'plazo 09:00 rush: every reminder due at one instant (issue 17)' : 'plazo deadline firing (issue 7)',
      temporal: o.temporal === 'server' ? 'temporal server v1.29.1 on PostgreSQL (dev/temporalServer.ts)' : 'temporal CLI dev server (SQLite)',
      workers: o.workers,
      killedWorkerAt: killedAt ? new Date(killedAt).toISOString() : null,
      unnotedCases: unnoted,
      // The cases' deferred noting, woken after the window (each notes its alarm-1 of two deadlines; in use, a wake notes every step sent since the last).
      noting: (() => {
        const cpuSeconds = rushCpuSeconds(cpuMarks.notingFrom, cpuMarks.casesNoted);
        return cpuSeconds === null ? null : { cases: o.cases, cpuSeconds: round(cpuSeconds), msPerCase: round((cpuSeconds * 1000) / o.cases) };
      })(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cores: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? null,
        memoryGb: round(totalmem() / 2 ** 30),
        loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
        node: process.version,
      },
      options: o,
      opening: {
        cases: o.cases,
        opened: o.cases - opened.failures.length,
        seconds: round(opened.seconds, 2),
        casesOpenedPerSecond: round(opened.perSecond),
        casesInReadModel: projectedAll,
        casesOpenedAndProjectedPerSecond: round(projectedAll / projectedSeconds),
        warmupCases: o.warmupCases,
        warmupDetentionsPerSecond: round(warmRecorded.perSecond),
        detentionsRecordedPerSecond: round(recorded.perSecond),
        recordSeconds: round(recorded.seconds, 2),
        failures: opened.failures.length + recorded.failures.length,
        firstFailures: [...opened.failures, ...recorded.failures].slice(0, 5),
        recordingFinishedBeforeWindow: recordedAt <= windowStart,
      },
      window: {
        start: new Date(windowStart).toISOString(),
        end: new Date(windowEnd).toISOString(),
        minutes: o.windowMinutes,
        messagesDue: expected.length,
        catchUpAlarm0BeforeWindow: catchUpMessages,
        // The cases' before-Plazo summaries that arrived after the instant: work that competes with the rush's alarms.
        summaryKeysAfterWindowStart: summaryArrivals.filter((at) => at >= windowStart).length,
        summaryKeysBeforeWindowStart: summaryArrivals.filter((at) => at < windowStart).length,
        openCasesDuringWindow: openCaseCount,
        idleCases: idle ?? null,
        lastMessageAt: lastArrival ? new Date(lastArrival).toISOString() : null,
        messagesPerSecondSustained: lastArrival && lastArrival > windowStart ? round(arrivals.length / ((lastArrival - windowStart) / 1000)) : null,
      },
      plazo,
      baseline: { kind: `cron-style poller every ${o.pollMinutes} min (on the clock), same due instants`, pollMinutes: o.pollMinutes, ...baseline, sweeps: poller.sweeps.map((s) => ({ at: new Date(s.at).toISOString(), sent: s.sent, tookMs: s.tookMs })) },
      ratio: {
        baselineP99OverPlazoP99: plazo.latenessMs.p99 && baseline.latenessMs.p99 ? round(baseline.latenessMs.p99 / Math.max(1, plazo.latenessMs.p99), 1) : null,
        baselineP50OverPlazoP50: plazo.latenessMs.p50 && baseline.latenessMs.p50 ? round(baseline.latenessMs.p50 / Math.max(1, plazo.latenessMs.p50), 1) : null,
      },
      allPlazoMessages: { received: mail.messages.filter((m) => m.keys.length > 0).length, emails: mail.emails.filter((m) => m.keys.length > 0).length, duplicatedKeys: plazoDuplicateKeys(mail.messages) },
      workerRss: {
        everyWorkerAtEndMb: infra.workers.map((w) => (w.proc.pid ? rssMb(w.proc.pid) : null)),
        idleMb: rssIdle,
        withOpenCasesMb: rssOpen,
        peakMb: rssPeak,
        // When the first worker's peak was sampled: set against the CPU marks (the rush, the cases' noting).
        peakAt: rssSamples.length ? new Date(rssSamples.reduce((a, x) => (x.mb > a.mb ? x : a)).t).toISOString() : null,
        perThousandOpenCasesMb: rssOpen !== null ? round((rssOpen / openCaseCount) * 1000) : null,
        growthPerThousandOpenCasesMb: rssOpen !== null && rssIdle !== null ? round(((rssOpen - rssIdle) / openCaseCount) * 1000) : null,
        entry: infra.workerEntry,
        nodeFlags: infra.workerNodeFlags,
        extraEnv: o.workerEnv,
        settings: infra.workerSettings,
        note: 'VmRSS of the worker process; open cases include the warm-up and idle cases',
      },
      cpuSeconds: cpuMarks,
      footprints,
      calculator,
      /** Issue 28's targets (bench/rushTargets.ts): each met, missed, or not measured by this run's shape. */
      issue28Targets: targets28,
      /** Earlier issues' targets (7, 17), kept for comparison with earlier result files. */
      targets: {
        zeroMissingZeroDuplicated: plazo.missing === 0 && plazo.duplicated === 0 && plazoDuplicateKeys(mail.messages) === 0,
        p99Under2s: plazo.latenessMs.p99 !== null && plazo.latenessMs.p99 < 2000,
        p99Under2sAppliesAt2000CasesIn5Min: o.cases >= 2000 && o.windowMinutes <= 5,
        atLeast30CasesOpenedPerSecond: opened.perSecond >= 30,
        atLeast30CasesOpenedAndProjectedPerSecond: projectedAll / projectedSeconds >= 30,
        workerRssUnder300MbAt2000Cases: rssOpen !== null && rssPeak < 300 && o.cases >= 2000,
        rssTargetMeasuredAt2000Cases: o.cases >= 2000,
        ...(o.scenario === 'rush' ? { rushP99Within120s: plazo.latenessMs.p99 !== null && plazo.latenessMs.p99 <= 120_000, rushAt10000Reminders: expected.length >= 10_000 } : {}),
        ...(o.temporal === 'server' && o.scenario === 'window' ? { serverP99Within1s: plazo.latenessMs.p99 !== null && plazo.latenessMs.p99 <= 1000 } : {}),
        atLeast60CasesOpenedAndProjectedPerSecond: projectedAll / projectedSeconds >= 60,
      },
    };
    const json = JSON.stringify(result, null, 2);
    process.stdout.write(`${json}\n`);
    const dir = resolve(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(resolve(dir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`), `${json}\n`);
    writeFileSync(resolve(dir, 'latest.json'), `${json}\n`);
    for (const line of targetLines(targets28)) log(line);
    log(`written to bench/results/latest.json`);
  } finally {
    if (sampler) clearInterval(sampler);
    await poller?.stop().catch(() => undefined);
    await infra?.teardown();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
