import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { Workflow, WorkflowResultType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startMailCatcher, type CaughtMail, type MailCatcher, type MailCatcherOptions } from '../dev/mailCatcher';
import type { CaseIntake } from '../domain/case/events';
import { RULE_PACK } from '../domain';
import { mexicoTimeMs } from '../domain/time/instant';
import { caseWorkflow } from '../workflows/caseWorkflow';
import { caseWorkflowId, recordEventUpdate, type CaseWorkflowInput } from '../workflows/caseDefinitions';
import { testDataConverter } from './codecKeys';
import { createTestDatabase, type TestDatabase } from './testDatabase';
import { timeSkippingEnv } from './temporalEnv';
import { withTestWorker } from './testWorker';

const DAY_MS = 86_400_000;

/** The people of the test organization; languages differ on purpose. */
export const PEOPLE = {
  caseworker: { id: 'cw-ana', name: 'Ana', email: 'ana@ong.test', role: 'caseworker', language: 'es' },
  supervisor: { id: 'sup-beto', name: 'Beto', email: 'beto@ong.test', role: 'supervisor', language: 'en' },
  lawyer: { id: 'law-carla', name: 'Carla', email: 'carla@ong.test', role: 'lawyer', language: 'es' },
  director: { id: 'dir-dora', name: 'Dora', email: 'dora@ong.test', role: 'director', language: 'en' },
} as const;
export const EMAIL_OF: Record<string, string> = Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, p.email]));

export interface CaseHarness {
  env: TestWorkflowEnvironment;
  mail: MailCatcher;
  pg: TestDatabase;
  taskQueue: string;
  /** Runs `fn` with a worker polling; the worker stops when it returns. */
  withWorker<T>(fn: () => Promise<T>): Promise<T>;
  /** Moves the test server's clock to an instant (forward only). */
  advanceTo(iso: string): Promise<void>;
  now(): Promise<number>;
  /**
   * The result of a finished case. Read through a plain client: the time-skipping client's result()
   * toggles time skipping and was seen to hang after many manual sleeps.
   */
  resultOf<W extends Workflow>(handle: WorkflowHandle<W>): Promise<WorkflowResultType<W>>;
  /** `opts.rulePack`: this case's pack, when it is not the harness's. */
  startCase(intake: Partial<CaseIntake> & { caseId: string }, opts?: { historyLimit?: number; rulePack?: string; importRun?: string; pastEvents?: CaseWorkflowInput['pastEvents'] }): Promise<WorkflowHandle<typeof caseWorkflow>>;
  teardown(): Promise<void>;
}

/** Starts a case on the rule pack in force, with the test organization's people; `intake` overrides. */
export function startTestCase(
  client: Client,
  taskQueue: string,
  intake: Partial<CaseIntake> & { caseId: string; openedAt: string },
  opts: { historyLimit?: number; rulePack?: string; searchAttributes?: boolean; importRun?: string; pastEvents?: CaseWorkflowInput['pastEvents'] } = {},
): Promise<WorkflowHandle<typeof caseWorkflow>> {
  const full: CaseIntake = {
    child: { name: 'Niña de prueba' },
    assignments: { caseworker: PEOPLE.caseworker.id, supervisor: PEOPLE.supervisor.id, lawyer: PEOPLE.lawyer.id },
    recordedBy: PEOPLE.caseworker.id,
    ...intake,
  };
  return client.workflow.start(caseWorkflow, {
    taskQueue,
    workflowId: caseWorkflowId(intake.caseId),
    args: [{ intake: full, rulePack: opts.rulePack ?? RULE_PACK.version, historyLimit: opts.historyLimit, searchAttributes: opts.searchAttributes, ...(opts.importRun ? { importRun: opts.importRun } : {}), ...(opts.pastEvents ? { pastEvents: opts.pastEvents } : {}) }],
  });
}

/** `rulePack`: the version the harness's cases open under (default: the pack in force). */
export async function createCaseHarness(taskQueue: string, opts: { mail?: MailCatcherOptions; rulePack?: string; stepDispatcher?: boolean } = {}): Promise<CaseHarness> {
  const [env, mail, pg] = await Promise.all([timeSkippingEnv(), startMailCatcher(opts.mail), createTestDatabase()]);
  await pg.db.insertInto('users').values(Object.values(PEOPLE).map((p) => ({ ...p }))).execute();
  const h: CaseHarness = {
    env,
    mail,
    pg,
    taskQueue,
    async withWorker(fn) {
      // Each test starts a new worker: a sticky queue left to a stopped one would stall time skipping.
      const workerOpts = { connection: env.nativeConnection, namespace: env.namespace, taskQueue, db: pg.db, smtpPort: mail.smtpPort, maxCachedWorkflows: 0, stepDispatcher: opts.stepDispatcher };
      try {
        return await withTestWorker(workerOpts, async () => {
          const r = await fn();
          if (process.env.PLAZO_TEST_DEBUG) console.log('worker: shutting down');
          return r;
        });
      } finally {
        if (process.env.PLAZO_TEST_DEBUG) console.log('worker: stopped');
      }
    },
    async advanceTo(iso) {
      const delta = Date.parse(iso) - (await env.currentTimeMs());
      // Scenario dates are worked by hand for chosen years; once the real clock passes them they cannot run.
      if (delta < -DAY_MS) throw new Error(`scenario instant ${iso} is before the test server's clock (${new Date(Date.now()).toISOString()}): its hand-worked dates need moving to later years`);
      if (delta > 0) await env.sleep(delta);
    },
    now: () => env.currentTimeMs(),
    async resultOf(handle) {
      const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: testDataConverter() });
      return plain.workflow.getHandle<typeof handle extends WorkflowHandle<infer W> ? W : never>(handle.workflowId).result();
    },
    async startCase(intake, startOpts = {}) {
      const openedAt = new Date(await env.currentTimeMs()).toISOString();
      return startTestCase(env.client, taskQueue, { openedAt, ...intake }, { rulePack: opts.rulePack, ...startOpts });
    },
    async teardown() {
      await env.teardown();
      await mail.stop();
      await pg.drop();
    },
  };
  return h;
}

/** What a test compares: which step reached whom, and the instant the ladder placed it at. */
export function summarize(m: CaughtMail): string {
  const key = m.headers['x-plazo-idempotency-key'] ?? '?';
  // key: <case>/<deadline>/<dueInstant>/<step>/<role>:<user>
  const parts = key.split('/');
  // To the second: a manual escalation happens at the update's instant, a few ms after the checkpoint.
  const at = m.headers['x-plazo-scheduled-for'];
  const second = at ? new Date(Math.floor(Date.parse(at) / 1000) * 1000).toISOString() : '-';
  return `${second} ${parts[1]} ${parts[3]} → ${m.to.join(',')}`;
}

/** Mexico City wall time → UTC ISO. */
/** Ana (the caseworker) records an event on a case, as the scenario tests do; `extra` carries the event's own fields. */
export const recordAsCaseworker = (handle: WorkflowHandle<typeof caseWorkflow>, type: string, occurredAt: string, extra: Record<string, unknown> = {}) =>
  handle.executeUpdate(recordEventUpdate, { args: [{ type, occurredAt, recordedBy: PEOPLE.caseworker.id, ...extra } as never] });

export const mx = (date: string, time = '09:00') => new Date(mexicoTimeMs(date, time)).toISOString();

export type Expected = [at: string, deadlineId: string, stepId: string, userIds: string[]];
export type Action = [at: string, run: () => Promise<unknown>];

/**
 * Drives a scenario on the time-skipping server: runs each action at its instant and checks, a minute
 * before and a minute after every expected instant, that exactly the messages due by then have arrived
 * (those `keep` selects), and at the end that each arrived once.
 */
export async function runScenario(
  h: CaseHarness,
  { actions, expected, keep }: { actions: Action[]; expected: Expected[]; keep: (m: CaughtMail) => boolean },
): Promise<void> {
  const lines = expected.flatMap(([at, deadline, step, who]) => who.map((id) => `${at} ${deadline} ${step} → ${EMAIL_OF[id]}`)).sort();
  const dueBy = (t: number) => lines.filter((l) => Date.parse(l.slice(0, 24)) <= t);
  const received = () => h.mail.messages.filter(keep).map(summarize).sort();
  const steps: [number, () => Promise<unknown>][] = [
    ...actions.map(([at, fn]): [number, () => Promise<unknown>] => [Date.parse(at), fn]),
    ...[...new Set(expected.map((e) => Date.parse(e[0])))].flatMap((t): [number, () => Promise<unknown>][] => [
      [t - 60_000, async () => expect(received()).toEqual(dueBy(t - 60_000))],
      [t + 60_000, async () => {
        await h.mail.waitFor(dueBy(t + 60_000).length, { match: keep, timeoutMs: 20_000 });
        expect(received()).toEqual(dueBy(t + 60_000));
      }],
    ]),
  ].sort((a, b) => a[0] - b[0]);
  for (const [at, fn] of steps) {
    await h.advanceTo(new Date(at).toISOString());
    if (process.env.PLAZO_TEST_DEBUG) console.log(`at ${new Date(at).toISOString()}: ${h.mail.messages.length} messages`);
    await fn();
    if (process.env.PLAZO_TEST_DEBUG) console.log(`done ${new Date(at).toISOString()}`);
  }
  expect(received()).toEqual(lines);
  const keys = h.mail.messages.filter(keep).map((m) => m.headers['x-plazo-idempotency-key']);
  expect(new Set(keys).size).toBe(keys.length);
}

/** Selects one case's messages, optionally only those of some deadlines (prefix match) or escalations. */
export function messagesOf(caseId: string, deadlines?: string[]): (m: CaughtMail) => boolean {
  return (m) => {
    const parts = (m.headers['x-plazo-idempotency-key'] ?? '').split('/');
    return parts[0] === caseId && (!deadlines || deadlines.some((d) => parts[1]!.startsWith(d)));
  };
}

/**
 * With PLAZO_RECORD_HISTORIES=1, keeps a finished scenario's history under test/histories/ for the
 * replay test (workflows/replay.test.ts): a change to workflow code that would break running cases fails it.
 */
/** The case's history, and the events after its last timer fired: what that wake-up's workflow task did. */
export async function historySinceLastWake(handle: WorkflowHandle<Workflow>) {
  const events = (await handle.fetchHistory()).events ?? [];
  const wake = events.map((e) => Boolean(e.timerFiredEventAttributes)).lastIndexOf(true);
  return { events, sinceWake: events.slice(wake + 1) };
}

export async function recordHistory(handle: WorkflowHandle<Workflow>, name: string): Promise<void> {
  if (process.env.PLAZO_RECORD_HISTORIES !== '1') return;
  const dir = resolve(__dirname, 'histories');
  mkdirSync(dir, { recursive: true });
  // Protobuf bytes: historyToJSON trips over the two protobufjs copies the SDK packages carry.
  const history = temporal.api.history.v1.History.create(await handle.fetchHistory());
  writeFileSync(resolve(dir, `${name}.history.bin`), temporal.api.history.v1.History.encode(history).finish());
  // Payloads are sealed for their workflow (codec/aesGcmCodec.ts): the replay needs the id they were sealed for.
  writeFileSync(resolve(dir, `${name}.workflow-id`), handle.workflowId);
}
