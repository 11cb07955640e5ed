/**
 * The figures thread's body (app/program/figuresThread.ts starts it): its own small pool on the API's
 * database, and each request computed here, off the API's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../db/database';
import { loadProgramFigures } from './loadProgramFigures';
import type { FiguresReply, FiguresRequest } from './figuresThread';
import { measureListsOf, withoutMeasureLists } from './programFigures';

const db = createDb((workerData as { databaseUrl: string }).databaseUrl, 3);

parentPort!.on('message', (req: FiguresRequest) => {
  loadProgramFigures(db, req.user, new Date(req.now)).then(
    // The measured items as one string: copied across whole, parsed only by what lists them (objects would be
    // rebuilt one by one on the API's event loop, tens of milliseconds at 50,000 cases).
    (figures) => parentPort!.postMessage({ id: req.id, summary: withoutMeasureLists(figures), measures: JSON.stringify(measureListsOf(figures)) } satisfies FiguresReply),
    (err: Error) => parentPort!.postMessage({ id: req.id, error: err.message } satisfies FiguresReply),
  );
});
