/**
 * The figures as of a few seconds ago for the dashboard and /api/program, one computation per scope (every
 * admin and director share the registry's). Five dashboards opened at once are one computation, not five
 * each holding the event loop in turn (issue 28: /api/health waited behind them), and a figure reloaded
 * within FRESH_MS is answered from memory. The figures carry their `at`, which the page shows ("Figures as
 * of"). A write through this server (any POST, PUT, PATCH or DELETE that succeeded) drops them at once, and
 * a computation begun before that write is neither joined nor kept; what changes otherwise (a term falling
 * due, the worker's projections, another API process) shows within FRESH_MS.
 */
import type { Db } from '../../db/database';
import { seesEveryCase } from '../../db/queries/caseScope';
import type { AuthUser } from '../auth';
import { loadProgramFigures } from './loadProgramFigures';
import { keptFigures, type KeptFigures } from './programFigures';

/** How long computed figures are answered again: short, since overdue counts move with the clock. */
export const FRESH_MS = 10_000;

interface Kept {
  generation: number;
  figures: Promise<KeptFigures>;
  /** When the computation ended; null while it runs. */
  doneAt: number | null;
}

/** Per database: the figures by scope, and how many writes it has seen. */
const byDb = new WeakMap<Db, { generation: number; scopes: Map<string, Kept> }>();

const stateOf = (db: Db) => {
  let s = byDb.get(db);
  if (!s) byDb.set(db, (s = { generation: 0, scopes: new Map() }));
  return s;
};

/** How the figures are computed: on the event loop (tests, small installs) or on the figures thread (figuresThread.ts). */
export type FiguresLoader = (db: Db, user: AuthUser) => Promise<KeptFigures>;

const onTheEventLoop: FiguresLoader = (db, user) => loadProgramFigures(db, user).then(keptFigures);

export function currentProgramFigures(db: Db, user: AuthUser, load: FiguresLoader = onTheEventLoop, now = () => Date.now()): Promise<KeptFigures> {
  const state = stateOf(db);
  const key = seesEveryCase(user) ? 'registry' : `${user.role}:${user.id}`;
  const kept = state.scopes.get(key);
  if (kept && kept.generation === state.generation && (kept.doneAt === null || now() - kept.doneAt < FRESH_MS)) return kept.figures;
  const entry: Kept = { generation: state.generation, figures: load(db, user), doneAt: null };
  state.scopes.set(key, entry);
  entry.figures.then(
    () => void (entry.doneAt = now()),
    // A failure is not kept: the next request tries again.
    () => void (state.scopes.get(key) === entry && state.scopes.delete(key)),
  );
  return entry.figures;
}

/** Something was written: the figures computed so far (and those being computed) are not answered again. */
export function programFiguresChanged(db: Db): void {
  const state = stateOf(db);
  state.generation++;
  state.scopes.clear();
}
