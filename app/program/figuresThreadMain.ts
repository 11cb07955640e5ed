/**
 * The figures thread's body (app/program/figuresThread.ts starts it): its own small pool on the API's
 * database, and each request computed here, off the API's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../db/database';
import { loadProgramFigures } from './loadProgramFigures';
import type { FiguresReply, FiguresRequest } from './figuresThread';

const db = createDb((workerData as { databaseUrl: string }).databaseUrl, 3);

parentPort!.on('message', (req: FiguresRequest) => {
  loadProgramFigures(db, req.user, new Date(req.now)).then(
    (figures) => parentPort!.postMessage({ id: req.id, figures } satisfies FiguresReply),
    (err: Error) => parentPort!.postMessage({ id: req.id, error: err.message } satisfies FiguresReply),
  );
});
