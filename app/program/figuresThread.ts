/**
 * The program's figures computed on a thread of their own (issue 28: at 50,000 cases one computation is
 * ~200 ms of CPU, rows parsed and measured and their garbage collected, and /api/health waited behind it
 * on the API's event loop). The thread keeps its own pool on the same database; a request that fails, or
 * a thread that dies, fails the waiting dashboards (the next request starts a new one).
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AuthUser } from '../auth';
import { withMeasureLists, type KeptFigures, type MeasureLists, type ProgramFigures, type ProgramSummary } from './programFigures';

export interface FiguresRequest {
  id: number;
  user: AuthUser;
  /** The instant the figures are as of (epoch ms). */
  now: number;
}

export type FiguresReply = { id: number; summary: ProgramSummary; measures: string } | { id: number; error: string } | { ready: true };

export interface FiguresThread {
  /** The thread has started and computed the registry's figures once (warm; a failure there resolves it too). */
  ready: Promise<void>;
  load(user: AuthUser, now?: Date): Promise<KeptFigures>;
  close(): Promise<void>;
}

/** The thread's entry: the compiled .js beside this file, or under ts-node-like runners the .ts through tsx. */
function spawn(databaseUrl: string): Worker {
  const ext = extname(__filename);
  const main = join(__dirname, `figuresThreadMain${ext}`);
  if (ext === '.js') return new Worker(main, { workerData: { databaseUrl } });
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(main)});`;
  return new Worker(code, { eval: true, workerData: { databaseUrl } });
}

export function startFiguresThread(databaseUrl: string): FiguresThread {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (f: KeptFigures) => void; reject: (e: Error) => void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  let isReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (isReady = resolve));
  const thread = () => {
    if (worker) return worker;
    const w = spawn(databaseUrl);
    w.on('message', (reply: FiguresReply) => {
      if ('ready' in reply) return isReady();
      const req = waiting.get(reply.id);
      if (!req) return;
      waiting.delete(reply.id);
      if ('error' in reply) req.reject(new Error(`program figures: ${reply.error}`));
      else req.resolve(kept(reply.summary, reply.measures));
    });
    w.on('error', (err) => failAll(new Error(`program figures thread: ${err.message}`)));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      isReady(); // nothing to wait for
      failAll(new Error(`program figures thread exited (${code})`));
    });
    // Idle, it does not keep the process alive.
    w.unref();
    return (worker = w);
  };
  // Started now: its modules load while the API starts, not on the first dashboard (~0.8 s under tsx).
  thread();
  return {
    ready,
    load(user, now = new Date()) {
      const id = ++nextId;
      return new Promise<KeptFigures>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread().postMessage({ id, user: { ...user }, now: now.getTime() } satisfies FiguresRequest);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      failAll(new Error('program figures thread closed'));
    },
  };
}

/** The summary as it came; the whole parsed once, when first asked for. */
function kept(summary: ProgramSummary, measures: string): KeptFigures {
  let whole: ProgramFigures | undefined;
  return { summary, whole: () => (whole ??= withMeasureLists(summary, JSON.parse(measures) as MeasureLists)) };
}
