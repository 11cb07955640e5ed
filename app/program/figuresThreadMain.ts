/**
 * The figures thread's body (app/program/figuresThread.ts starts it): its own small pool on the API's
 * database, and each request computed here, off the API's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createDb } from '../../db/database';
import { loadProgramFigures } from './loadProgramFigures';
import type { FiguresReply, FiguresRequest } from './figuresThread';
import { measureListsOf, withoutMeasureLists } from './programFigures';

// Two connections: the figures' six queries two at a time. Three kept both cores busy with them and /api/health
// waited for a core (max 49–70 ms while five dashboards loaded at 50,000 cases; with two, 37).
const db = createDb((workerData as { databaseUrl: string }).databaseUrl, 2);

// The registry's figures once at start, answered to nobody: the thread's code is compiled and its connections
// open before the first dashboard (cold, it took ~0.3 s more at 50,000 cases). A failure here is the next request's.
void loadProgramFigures(db, { id: 'plazo-figures-warm-up', name: 'warm-up', email: '', role: 'admin', language: 'es' })
  .catch(() => undefined)
  .then(() => parentPort!.postMessage({ ready: true } satisfies FiguresReply));

parentPort!.on('message', (req: FiguresRequest) => {
  loadProgramFigures(db, req.user, new Date(req.now)).then(
    // The measured items as one string: copied across whole, parsed only by what lists them (objects would be
    // rebuilt one by one on the API's event loop, tens of milliseconds at 50,000 cases).
    (figures) => parentPort!.postMessage({ id: req.id, summary: withoutMeasureLists(figures), measures: JSON.stringify(measureListsOf(figures)) } satisfies FiguresReply),
    (err: Error) => parentPort!.postMessage({ id: req.id, error: err.message } satisfies FiguresReply),
  );
});
