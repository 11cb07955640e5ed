/**
 * How a command on one case runs: an Update of the case's workflow under the caller's idempotency key,
 * then a wait until the read model shows it (a page loaded next shows it too). The face decides what to
 * answer with (caseAnswers.ts): the API a case view, the web a redirect that builds nothing.
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseState } from '../../domain/case/state';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import { answeredState, caseWorkflowId, stateQuery, type UpdateAnswer } from '../../workflows/caseDefinitions';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { fromTemporal } from '../errors';
import { updateIdFor } from '../idempotency';

/** What a command did: the case, the event counter it reached, and whether the read model shows it yet. */
export interface CaseWritten {
  caseId: string;
  seq: number;
  projected: boolean;
  /** The case as the workflow holds it: asked only when needed (the projection late, an audit's details). */
  state(): Promise<CaseState>;
}

/** Turns what a command did into what the face answers; `kind` keeps two faces' answers to one key apart. */
export interface Answer<T, W extends { caseId: string } = CaseWritten> {
  kind: string;
  of(written: W): Promise<T>;
}

export const caseHandle = (deps: Pick<AppDeps, 'temporal'>, caseId: string) => deps.temporal.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseId));

/** Waits until the read model holds the case at `version` or later; false on timeout. */
export async function projected(deps: Pick<AppDeps, 'db' | 'projectionTimeoutMs'>, caseId: string, version: number, waitMs = deps.projectionTimeoutMs ?? 3_000): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    const row = await deps.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirst();
    if (row && row.version >= version) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Runs one Update on the case (a repeated key is answered by Temporal with its first result) and waits for the projection. */
export async function updateCase<A extends [unknown, ...unknown[]]>(
  deps: AppDeps,
  user: AuthUser,
  caseId: string,
  update: UpdateDefinition<UpdateAnswer, A>,
  args: A,
  key: string | undefined,
): Promise<CaseWritten> {
  let answer: UpdateAnswer;
  try {
    answer = await caseHandle(deps, caseId).executeUpdate(update, { args, updateId: updateIdFor(user, key) });
  } catch (err) {
    throw fromTemporal(err, caseId);
  }
  // Runs from before the receipt answer the whole case; others are asked for it (at its seq or later).
  const whole = answeredState(answer);
  const state = () => (whole ? Promise.resolve(whole) : caseHandle(deps, caseId).query(stateQuery).catch((err: unknown) => Promise.reject(fromTemporal(err, caseId))));
  return { caseId, seq: answer.seq, projected: await projected(deps, caseId, answer.seq), state };
}
