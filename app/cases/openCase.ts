/**
 * Opens a case (starts its workflow): a caseworker, supervisor or admin, naming active people, so that
 * the opener can see the case once it is open. Answers only once the case is open and in the read model;
 * an opening the workflow refused is a 422 naming the field (its id stays free), and a case still not
 * visible after the wait is a 503.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { caseScope, seesEveryCase } from '../../db/queries/caseScope';
import { RULE_PACK } from '../../domain';
import { CaseIntakeSchema, type CaseEvent, type CaseIntake } from '../../domain/case/events';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import { caseWorkflowId } from '../../workflows/caseDefinitions';
import { assertCan } from '../access';
import type { AppDeps } from '../appDeps';
import type { AuthUser } from '../auth';
import { ApiError, splitReason } from '../errors';
import { once, type WriteOptions } from '../idempotency';
import { assertIntakeCountable, assertIntakeFacts } from '../intakeCheck';
import { withListedValues } from '../lists/intakeLists';
import { assertAssignable } from '../people/assertAssignable';
import { contextFor } from '../remainingContext';
import type { EventBody, OpenCaseBody } from '../schemas';
import { caseSearchAttributesRegistered } from '../searchAttributes';
import { caseHandle, projected, type Answer } from './caseWrite';
import { assertNotDuplicate } from './likelyDuplicates';
import { notInFuture } from './notInFuture';
import { eventToRecord } from './recordEvent';
import { loadCaseView } from './loadCaseView';
import type { Lang } from '../remaining';
import type { CaseView } from '../schemas';

export interface OpenOptions extends WriteOptions {
  /** What happened before the case was in Plazo (an import), recorded with the opening in the order given. */
  pastEvents?: EventBody[];
  /**
   * False: answer once the workflow is started, not open; the caller waits for the read model itself
   * (an import, for all its cases at once) and learns a refused opening from `openingRefused`.
   */
  wait?: boolean;
  /** The import opening the case, whose summary per person covers it (app/import/importRuns.ts). */
  importRun?: string;
}

export async function openCase<T>(deps: AppDeps, user: AuthUser, body: OpenCaseBody, answer: Answer<T, { caseId: string }>, opts: OpenOptions = {}): Promise<T> {
  const given = opts.pastEvents?.length ? opts.pastEvents : undefined;
  return once(deps.db, user, opts.idempotencyKey, ['open_case', body, answer.kind, ...(given ? [given] : [])], async () => {
    const { db, temporal } = deps;
    assertCan(user, 'open_case');
    for (const role of ['caseworker', 'supervisor', 'lawyer'] as const) await assertAssignable(db, `assignments.${role}`, body.assignments[role], role);
    await assertVisibleToOpener(deps, user, body.assignments);
    notInFuture('openedAt', body.openedAt);
    notInFuture('entryDate', body.entryDate);
    notInFuture('child.birthDate', body.child.birthDate);
    // A 409 on a chosen id would tell the caller that a case exists which they may not see: only a
    // caller who sees every case chooses ids.
    if (body.caseId !== undefined && !seesEveryCase(user)) {
      throw new ApiError(403, 'forbidden', `only an admin may choose a case id; leave caseId out (the server chooses one) and put your own number in fileNumber`, 'caseId');
    }
    const caseId = body.caseId ?? newCaseId();
    if (await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) {
      throw new ApiError(409, 'conflict', `a case '${caseId}' already exists`, 'caseId');
    }
    const { duplicateConfirmed, ...fields } = body;
    const intake: CaseIntake = await withListedValues(db, CaseIntakeSchema.parse({ ...fields, caseId, openedAt: body.openedAt ?? new Date().toISOString(), recordedBy: user.id }));
    assertIntakeFacts(intake);
    await assertNotDuplicate(db, user, intake, duplicateConfirmed === true, deps.links);
    assertIntakeCountable(intake, (await contextFor(db)).overlays);
    const pastEvents: CaseEvent[] = [];
    for (const [i, e] of (given ?? []).entries()) pastEvents.push(await atIndex(`pastEvents[${i}]`, () => eventToRecord(deps, user, e)));
    try {
      await temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        taskQueue: deps.taskQueue,
        workflowId: caseWorkflowId(caseId),
        // A case id is never reused once a case was opened under it (not even after closure); an opening
        // that failed leaves the id free for the corrected intake.
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        args: [{ intake, rulePack: RULE_PACK.version, searchAttributes: await searchAttributesOn(temporal), ...(given ? { pastEvents } : {}), ...(opts.importRun ? { importRun: opts.importRun } : {}) }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'conflict', `a case '${caseId}' already exists`, 'caseId');
      throw err;
    }
    if (opts.wait !== false) await opened(deps, caseId);
    return answer.of({ caseId });
  });
}

/** A past event's refusal names its place in `pastEvents`, as the workflow's own refusals do. */
async function atIndex<T>(at: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof ApiError && err.status === 422) throw new ApiError(err.status, err.code, err.message, err.field ? `${at}.${err.field}` : at, err.issue);
    throw err;
  }
}

// Asked until the answer is yes: an operator may register the search attributes while the API runs.
const searchable = new WeakMap<Client, true>();
async function searchAttributesOn(temporal: Client): Promise<boolean> {
  if (searchable.has(temporal)) return true;
  if (!(await caseSearchAttributesRegistered(temporal.connection, temporal.options.namespace))) return false;
  searchable.set(temporal, true);
  return true;
}

/** A case the caller opens must be one they can see (the same caseScope the reads use), or they lose it at once. */
export async function assertVisibleToOpener(deps: AppDeps, user: AuthUser, a: OpenCaseBody['assignments']): Promise<void> {
  const { rows } = await sql<{ visible: boolean }>`select ${caseScope(user)} as visible
    from (values (${a.caseworker}, ${a.supervisor}, ${a.lawyer})) as cases(caseworker_id, supervisor_id, lawyer_id)`.execute(deps.db);
  if (rows[0]?.visible) return;
  const field = user.role === 'supervisor' ? 'assignments.supervisor' : 'assignments.caseworker';
  const how = user.role === 'supervisor' ? 'name yourself as supervisor, or a caseworker of a team you lead' : 'name yourself as the caseworker';
  throw new ApiError(422, 'invalid_assignment', `you could not see this case once opened: ${how}`, field);
}

/** Waits until the case is open and in the read model; a refused opening answers why. */
async function opened(deps: AppDeps, caseId: string): Promise<void> {
  const until = Date.now() + (deps.openTimeoutMs ?? 30_000);
  for (let i = 0; ; i++) {
    if (await projected(deps, caseId, 1, 0)) return;
    if (i % 5 === 4) {
      const refused = await openingRefused(deps, caseId);
      if (refused) throw refused;
    }
    if (Date.now() > until) throw new ApiError(503, 'not_ready', `case '${caseId}' was started but is not open yet; look it up again shortly`, 'caseId');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Why the workflow refused to open a case (a 422 naming the field), or null while it runs or once it is open. */
export async function openingRefused(deps: Pick<AppDeps, 'temporal'>, caseId: string): Promise<ApiError | null> {
  const handle = caseHandle(deps, caseId);
  const { status } = await handle.describe();
  if (status.name === 'RUNNING' || status.name === 'COMPLETED') return null;
  const reason = await handle.result().then(
    () => status.name,
    (err: Error) => (err.cause as Error | undefined)?.message ?? err.message,
  );
  const { field, message } = splitReason(reason);
  return new ApiError(422, 'invalid_request', `the case could not be opened: ${message}`, field);
}

/** C-2026-7KQ2XM: the year, then 6 characters without look-alikes (0/O, 1/I). */
export function newCaseId(now = new Date()): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(6);
  return `C-${now.getUTCFullYear()}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}

/** What POST /api/cases answers: the case's id, its workflow's and the case as it is now. */
export const openedCaseAnswer = (deps: AppDeps, user: AuthUser, lang: Lang): Answer<{ id: string; workflowId: string; case: CaseView }, { caseId: string }> => ({
  kind: 'case_view',
  of: async ({ caseId }) => ({ id: caseId, workflowId: caseWorkflowId(caseId), case: await loadCaseView(deps.db, user, caseId, lang, deps.links) }),
});
