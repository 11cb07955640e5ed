/**
 * The wait for an import's cases, all at once: the cases started are looked up in the read model together,
 * one query a turn, instead of each opening polling for its own (most of an import's time was those waits,
 * each holding a place among the rows opened side by side). A case still missing after a while has its
 * workflow asked whether it refused the opening (the workflow's checks: its events, its facts).
 */
import type { AppDeps } from '../appDeps';
import { ApiError } from '../errors';
import { openingRefused } from '../cases/openCase';

/** How long a started case may take to show before its row is reported not open yet (a new run resumes it). */
export const IMPORT_OPEN_TIMEOUT_MS = 10 * 60_000;
/** A case not shown this long after its start: its workflow is asked whether it refused. */
const ASK_AFTER_MS = 5_000;
const TURN_MS = 200;

export interface Started {
  caseId: string;
  startedAt: number;
  askedAt?: number;
}

/**
 * Calls `settle` once for each case `add`ed: with nothing once it is in the read model, with the refusal
 * or a 503 otherwise. `close` says no more will be added; `done` resolves once every case is settled.
 */
export function openingsWatch(deps: Pick<AppDeps, 'db' | 'temporal'>, settle: (caseId: string, err?: ApiError) => void) {
  const pending = new Map<string, Started>();
  let closed = false;
  const finish = (caseId: string, err?: ApiError) => {
    pending.delete(caseId);
    settle(caseId, err);
  };
  const turn = async () => {
    const ids = [...pending.keys()];
    if (ids.length === 0) return;
    for (const { id } of await deps.db.selectFrom('cases').select('id').where('id', 'in', ids).execute()) finish(id);
    const now = Date.now();
    const ask = [...pending.values()].filter((s) => now - (s.askedAt ?? s.startedAt) > ASK_AFTER_MS).slice(0, 16);
    await Promise.all(
      ask.map(async (s) => {
        s.askedAt = now;
        const refused = await openingRefused(deps, s.caseId).catch(() => null);
        if (refused) finish(s.caseId, refused);
        else if (now - s.startedAt > IMPORT_OPEN_TIMEOUT_MS) finish(s.caseId, new ApiError(503, 'not_ready', `case '${s.caseId}' was started but is not open yet; run the import again shortly`, 'caseId'));
      }),
    );
  };
  const done = (async () => {
    while (!closed || pending.size > 0) {
      await new Promise((r) => setTimeout(r, TURN_MS));
      await turn();
    }
  })();
  return {
    add: (caseId: string) => void pending.set(caseId, { caseId, startedAt: Date.now() }),
    /** Resolves once fewer than `most` cases wait: the worker is not handed more openings than it runs at once, so none times out waiting for it. */
    room: async (most: number) => {
      while (pending.size >= most) await new Promise((r) => setTimeout(r, TURN_MS / 4));
    },
    close: () => {
      closed = true;
      return done;
    },
  };
}
