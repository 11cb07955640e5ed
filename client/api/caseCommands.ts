/**
 * What a caller can change: open a case (starts its workflow), record an event, acknowledge, escalate
 * (the workflow's Updates), add a DOF overlay (signals the open cases it touches). Every input is
 * validated and checked against the caller's role before anything is stored or sent; the API routes
 * and the web forms both go through here, so both give the same answer to the same input.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { OverlaySchema, RULE_PACK, SEED_OVERLAYS } from '../../domain';
import { CaseEventSchema, CaseIntakeSchema, type CaseEvent, type CaseIntake } from '../../domain/case/events';
import type { CaseState } from '../../domain/case/state';
import { whenToMs } from '../../domain/case/transitions';
import type { caseWorkflow } from '../../workflows/caseWorkflow';
import { acknowledgeUpdate, caseWorkflowId, escalateUpdate, overlaysChangedSignal, recordEventUpdate } from '../../workflows/caseDefinitions';
import { assertCan } from './access';
import type { AuthUser } from './auth';
import { caseView, parsePublicDeadlineId, rowsFromState, type Links } from './caseViews';
import { contextFor, findCase, loadCaseView } from './caseQueries';
import { ApiError, fromTemporal, notFound } from './errors';
import { caseSearchAttributesRegistered } from '../searchAttributes';
import type { Lang } from './remaining';
import type { AcknowledgeBody, CaseView, EscalationBody, EventBody, OpenCaseBody, OverlayBody } from './schemas';

export interface CaseCommandDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  links: Links;
  logger: Logger;
  /** How long a write waits for the read model to show it (read-your-writes), default 3 s. */
  projectionTimeoutMs?: number;
}

const FUTURE_TOLERANCE_MS = 10 * 60_000;

export function createCaseCommands(deps: CaseCommandDeps) {
  const { db, temporal, taskQueue, links } = deps;
  const timeout = deps.projectionTimeoutMs ?? 3_000;

  // Asked until the answer is yes: an operator may register the search attributes while the API runs.
  let searchable = false;
  const searchAttributesOn = async () => (searchable ||= await caseSearchAttributesRegistered(temporal.connection, temporal.options.namespace));

  /** Waits until the read model holds the case at `version` or later; false on timeout. */
  async function projected(caseId: string, version: number): Promise<boolean> {
    const until = Date.now() + timeout;
    for (;;) {
      const row = await db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirst();
      if (row && row.version >= version) return true;
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * The answer to a write: the read model once it shows the write (so a page loaded next shows it too);
   * if the projection is late, the state the workflow answered with, in the same shape.
   */
  async function afterUpdate(user: AuthUser, caseId: string, state: CaseState, lang: Lang): Promise<CaseView> {
    if (await projected(caseId, state.seq)) return loadCaseView(db, user, caseId, lang, links);
    deps.logger.warn({ caseId, version: state.seq }, 'read model did not catch up in time; answering from the workflow state');
    const caseRow = await findCase(db, user, caseId);
    const stored = await db.selectFrom('case_deadlines').select(['deadline_id', 'sequence']).where('case_id', '=', caseId).execute();
    const rows = rowsFromState(state, { caseRow, sequences: new Map(stored.map((r) => [r.deadline_id, r.sequence])) });
    return caseView(rows.caseRow, rows.deadlines, await contextFor(db), lang, links);
  }

  async function assertAssignable(field: string, userId: string, role: string): Promise<void> {
    const u = await db.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!u || !u.active) throw new ApiError(422, 'invalid_assignment', `no active user '${userId}'`, field);
    if (u.role !== role) throw new ApiError(422, 'invalid_assignment', `'${userId}' is a ${u.role}, not a ${role}`, field);
  }

  function notInFuture(field: string, when: string | undefined): void {
    if (when !== undefined && whenToMs(when) > Date.now() + FUTURE_TOLERANCE_MS) throw new ApiError(422, 'invalid_request', 'is in the future', field);
  }

  const handle = (caseId: string) => temporal.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseId));

  return {
    async openCase(user: AuthUser, body: OpenCaseBody, lang: Lang): Promise<{ id: string; workflowId: string; case: CaseView | null }> {
      assertCan(user, 'open_case');
      for (const role of ['caseworker', 'supervisor', 'lawyer'] as const) await assertAssignable(`assignments.${role}`, body.assignments[role], role);
      notInFuture('openedAt', body.openedAt);
      notInFuture('entryDate', body.entryDate);
      notInFuture('child.birthDate', body.child.birthDate);
      const caseId = body.caseId ?? newCaseId();
      if (await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) {
        throw new ApiError(409, 'conflict', `a case '${caseId}' already exists`, 'caseId');
      }
      const intake: CaseIntake = CaseIntakeSchema.parse({ ...body, caseId, openedAt: body.openedAt ?? new Date().toISOString(), recordedBy: user.id });
      const workflowId = caseWorkflowId(caseId);
      try {
        await temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
          taskQueue,
          workflowId,
          // A case id is never reused, not even after the case is closed.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          args: [{ intake, rulePack: RULE_PACK.version, searchAttributes: await searchAttributesOn() }],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'conflict', `a case '${caseId}' already exists`, 'caseId');
        throw err;
      }
      const ready = await projected(caseId, 1);
      return { id: caseId, workflowId, case: ready ? await loadCaseView(db, user, caseId, lang, links).catch(() => null) : null };
    },

    async recordEvent(user: AuthUser, caseId: string, body: EventBody, lang: Lang): Promise<CaseView> {
      const row = await findCase(db, user, caseId);
      assertCan(user, body.type === 'assignment_changed' ? 'reassign' : 'record_event');
      if (row.closed_at) throw new ApiError(422, 'invalid_event', `the case is closed (${row.close_reason ?? 'closed'}); no event can be recorded`, 'type');
      if (body.type === 'assignment_changed') await assertAssignable('userId', body.userId, body.role);
      const event: CaseEvent = CaseEventSchema.parse({ ...body, recordedBy: user.id });
      let state: CaseState;
      try {
        state = await handle(row.id).executeUpdate(recordEventUpdate, { args: [event] });
      } catch (err) {
        throw fromTemporal(err, row.id);
      }
      return afterUpdate(user, row.id, state, lang);
    },

    async escalate(user: AuthUser, caseId: string, body: EscalationBody, lang: Lang): Promise<CaseView> {
      const row = await findCase(db, user, caseId);
      assertCan(user, 'escalate');
      if (row.closed_at) throw new ApiError(422, 'invalid_event', 'the case is closed', 'type');
      let state: CaseState;
      try {
        state = await handle(row.id).executeUpdate(escalateUpdate, { args: [{ by: user.id, reason: body.reason, deadlineId: body.deadlineId }] });
      } catch (err) {
        throw fromTemporal(err, row.id);
      }
      return afterUpdate(user, row.id, state, lang);
    },

    async acknowledge(user: AuthUser, publicId: string, body: AcknowledgeBody, lang: Lang): Promise<CaseView> {
      const ref = parsePublicDeadlineId(publicId);
      if (!ref) throw notFound(`no deadline '${publicId}' (ids look like C-2026-AB12CD:comar_decision)`);
      const row = await findCase(db, user, ref.caseId).catch(() => {
        throw notFound(`no deadline '${publicId}'`);
      });
      assertCan(user, 'acknowledge');
      const d = await db.selectFrom('case_deadlines').selectAll().where('case_id', '=', row.id).where('deadline_id', '=', ref.deadlineId).executeTakeFirst();
      if (!d) throw notFound(`no deadline '${publicId}'`);
      const next = d.next_step as { series?: string } | null;
      const series = body.series ?? next?.series;
      if (!series) throw new ApiError(422, 'invalid_event', `${ref.deadlineId} has no step left to acknowledge`, 'series');
      let state: CaseState;
      try {
        state = await handle(row.id).executeUpdate(acknowledgeUpdate, {
          args: [{ deadlineId: ref.deadlineId, series: series as 'reminder', by: user.id }],
        });
      } catch (err) {
        throw fromTemporal(err, row.id);
      }
      return afterUpdate(user, row.id, state, lang);
    },

    /** Stores a DOF closure or suspension and tells every open case whose live deadlines it may move. */
    async addOverlay(user: AuthUser, body: OverlayBody): Promise<{ overlay: unknown; casesNotified: string[] }> {
      assertCan(user, 'manage_overlays');
      const overlay = OverlaySchema.parse(body);
      const taken =
        SEED_OVERLAYS.some((o) => o.id === overlay.id) || (await db.selectFrom('overlays').select('id').where('id', '=', overlay.id).executeTakeFirst());
      if (taken) throw new ApiError(409, 'conflict', `an overlay '${overlay.id}' already exists`, 'id');
      await db.insertInto('overlays').values({ id: overlay.id, body: JSON.stringify(overlay), created_by: user.id }).execute();
      const touched = await db
        .selectFrom('case_deadlines')
        .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
        .select('cases.id')
        .distinct()
        .where('cases.closed_at', 'is', null)
        .where('case_deadlines.status', 'in', ['open', 'missed'])
        .where('case_deadlines.due_latest', '>=', overlay.start)
        .where((eb) => eb.fn('left', [eb.ref('case_deadlines.trigger'), eb.lit(10)]), '<=', overlay.end)
        .orderBy('cases.id')
        .execute();
      const notified: string[] = [];
      for (const { id } of touched) {
        try {
          await handle(id).signal(overlaysChangedSignal, { overlayId: overlay.id });
          notified.push(id);
        } catch (err) {
          deps.logger.warn({ caseId: id, err: (err as Error).message }, 'could not signal a case about a new overlay');
        }
      }
      return { overlay, casesNotified: notified };
    },
  };
}
export type CaseCommands = ReturnType<typeof createCaseCommands>;

/** C-2026-7KQ2XM: the year, then 6 characters without look-alikes (0/O, 1/I). */
export function newCaseId(now = new Date()): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(6);
  return `C-${now.getUTCFullYear()}-${Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')}`;
}
