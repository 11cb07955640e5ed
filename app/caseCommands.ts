/**
 * What a caller can change: open a case (starts its workflow), record an event, acknowledge, escalate
 * (the workflow's Updates), add a DOF overlay (signals the open cases it touches). Every input is
 * validated and checked against the caller's role before anything is stored or sent; the API routes
 * and the web forms both go through here, so both give the same answer to the same input.
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db } from '../db/database';
import { OverlaySchema, RULE_PACK, SEED_OVERLAYS, type Overlay } from '../domain';
import { CASE_EVENT_TYPES, CaseEventSchema, CaseIntakeSchema, type AckRole, type CaseEvent, type CaseIntake } from '../domain/case/events';
import type { CaseState } from '../domain/case/state';
import { FUTURE_TOLERANCE_MS, whenToMs } from '../domain/case/transitions';
import type { caseWorkflow } from '../workflows/caseWorkflow';
import { acknowledgeUpdate, caseWorkflowId, correctEventUpdate, escalateUpdate, overlaysChangedSignal, recordEventUpdate, stateQuery, withdrawAckUpdate } from '../workflows/caseDefinitions';
import { seriesToAcknowledge } from '../domain/case/acknowledgements';
import { sql, type SqlBool } from 'kysely';
import { caseScope, seesEveryCase } from '../db/queries/caseScope';
import { liveDeadlinesOfCases } from '../db/queries/liveDeadlines';
import { assertCan, can } from './access';
import type { AuthUser } from './auth';
import { caseView, parsePublicDeadlineId, rowsFromState, type Links } from './caseViews';
import { contextFor, findCase, loadCaseView } from './caseQueries';
import { ApiError, fromTemporal, notFound, splitReason } from './errors';
import { assertIntakeCountable } from './intakeCheck';
import { notifyReassignment } from '../client/api/reassignmentNotice';
import { createIdempotency, updateIdFor, type WriteOptions } from './idempotency';
import { caseSearchAttributesRegistered } from './searchAttributes';
import type { Lang } from './remaining';
import type { AcknowledgeBody, CaseView, CorrectionBody, OverlayCorrectionBody, VoidBody, EscalationBody, EventBody, OpenCaseBody, OverlayBody, WithdrawAckBody } from './schemas';

export interface CaseCommandDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  links: Links;
  logger: Logger;
  /** How long a write waits for the read model to show it (read-your-writes), default 3 s. */
  projectionTimeoutMs?: number;
  /** How long opening a case waits for it to be open and visible before answering 503, default 30 s. */
  openTimeoutMs?: number;
}


export function createCaseCommands(deps: CaseCommandDeps) {
  const { db, temporal, taskQueue, links } = deps;
  const timeout = deps.projectionTimeoutMs ?? 3_000;
  const openTimeout = deps.openTimeoutMs ?? 30_000;
  const once = createIdempotency(db);

  // Asked until the answer is yes: an operator may register the search attributes while the API runs.
  let searchable = false;
  const searchAttributesOn = async () => (searchable ||= await caseSearchAttributesRegistered(temporal.connection, temporal.options.namespace));

  /** Waits until the read model holds the case at `version` or later; false on timeout. */
  async function projected(caseId: string, version: number, waitMs = timeout): Promise<boolean> {
    const until = Date.now() + waitMs;
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
    return caseView(rows.caseRow, rows.deadlines, await contextFor(db), lang, links, can(user, 'use_codec'));
  }

  // One answer for a missing, inactive or other-role person: the caller learns nobody else's role.
  async function assertAssignable(field: string, userId: string, role: string): Promise<void> {
    const u = await db.selectFrom('users').select(['role', 'active']).where('id', '=', userId).executeTakeFirst();
    if (!u || !u.active || u.role !== role) throw new ApiError(422, 'invalid_assignment', `no active ${role} '${userId}'`, field);
  }

  /** A case the caller opens must be one they can see (the same caseScope the reads use), or they lose it at once. */
  async function assertVisibleToOpener(user: AuthUser, a: OpenCaseBody['assignments']): Promise<void> {
    const { rows } = await sql<{ visible: boolean }>`select ${caseScope(user)} as visible
      from (values (${a.caseworker}, ${a.supervisor}, ${a.lawyer})) as cases(caseworker_id, supervisor_id, lawyer_id)`.execute(db);
    if (rows[0]?.visible) return;
    const field = user.role === 'supervisor' ? 'assignments.supervisor' : 'assignments.caseworker';
    const how = user.role === 'supervisor' ? 'name yourself as supervisor, or a caseworker of a team you lead' : 'name yourself as the caseworker';
    throw new ApiError(422, 'invalid_assignment', `you could not see this case once opened: ${how}`, field);
  }

  function notInFuture(field: string, when: string | undefined): void {
    if (when !== undefined && whenToMs(when) > Date.now() + FUTURE_TOLERANCE_MS) throw new ApiError(422, 'invalid_request', 'is in the future', field);
  }

  /**
   * Answers only once the case is open and in the read model; an opening the workflow refused is a 422
   * naming the field (its id stays free), and a case still not visible after the wait is a 503.
   */
  async function opened(caseId: string): Promise<void> {
    const until = Date.now() + openTimeout;
    for (let i = 0; ; i++) {
      if (await projected(caseId, 1, 0)) return;
      if (i % 5 === 4) {
        const { status } = await handle(caseId).describe();
        if (status.name !== 'RUNNING' && status.name !== 'COMPLETED') {
          const reason = await handle(caseId).result().then(
            () => status.name,
            (err: Error) => (err.cause as Error | undefined)?.message ?? err.message,
          );
          const { field, message } = splitReason(reason);
          throw new ApiError(422, 'invalid_request', `the case could not be opened: ${message}`, field);
        }
      }
      if (Date.now() > until) throw new ApiError(503, 'not_ready', `case '${caseId}' was started but is not open yet; look it up again shortly`, 'caseId');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The case and deadline a public deadline id names, if the caller may see them (404 otherwise). */
  async function deadlineOf(user: AuthUser, publicId: string) {
    const ref = parsePublicDeadlineId(publicId);
    if (!ref) throw notFound(`no deadline '${publicId}' (ids look like C-2026-AB12CD:comar_decision)`);
    const row = await findCase(db, user, ref.caseId).catch(() => {
      throw notFound(`no deadline '${publicId}'`);
    });
    const d = await db.selectFrom('case_deadlines').select('deadline_id').where('case_id', '=', row.id).where('deadline_id', '=', ref.deadlineId).executeTakeFirst();
    if (!d) throw notFound(`no deadline '${publicId}'`);
    return { row, deadlineId: ref.deadlineId };
  }

  /** An overlay an admin added and has not withdrawn (seed overlays ship with the release). */
  async function addedOverlay(id: string) {
    if (SEED_OVERLAYS.some((o) => o.id === id)) throw new ApiError(422, 'invalid_request', `'${id}' ships with Plazo's rule data; it is changed by a release, not here`, 'id');
    const row = await db.selectFrom('overlays').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`no overlay '${id}'`);
    if (row.withdrawn_at) throw new ApiError(422, 'invalid_request', `'${id}' was already withdrawn`, 'id');
    return row;
  }

  /** Tells every open case with a live deadline whose counting period an overlay (old or new version) touches. */
  async function signalCasesTouching(overlays: Overlay[]): Promise<string[]> {
    const touched = new Set<string>();
    for (const overlay of overlays) {
      // Every open case, whoever holds it: the overlay changes the law's calendar for all of them.
      const rows = await liveDeadlinesOfCases(db, sql<SqlBool>`true`)
        .select('cases.id')
        .distinct()
        .where('case_deadlines.due_latest', '>=', overlay.start)
        .where((eb) => eb.fn('left', [eb.ref('case_deadlines.trigger'), eb.lit(10)]), '<=', overlay.end)
        .execute();
      for (const r of rows) touched.add(r.id);
    }
    const notified: string[] = [];
    for (const id of [...touched].sort()) {
      try {
        await handle(id).signal(overlaysChangedSignal, { overlayId: overlays[0]!.id });
        notified.push(id);
      } catch (err) {
        deps.logger.warn({ caseId: id, err: (err as Error).message }, 'could not signal a case about an overlay change');
      }
    }
    return notified;
  }

  const handle = (caseId: string) => temporal.workflow.getHandle<typeof caseWorkflow>(caseWorkflowId(caseId));

  async function openCase(user: AuthUser, body: OpenCaseBody, lang: Lang): Promise<{ id: string; workflowId: string; case: CaseView }> {
    assertCan(user, 'open_case');
    for (const role of ['caseworker', 'supervisor', 'lawyer'] as const) await assertAssignable(`assignments.${role}`, body.assignments[role], role);
    await assertVisibleToOpener(user, body.assignments);
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
    const intake: CaseIntake = CaseIntakeSchema.parse({ ...body, caseId, openedAt: body.openedAt ?? new Date().toISOString(), recordedBy: user.id });
    assertIntakeCountable(intake, (await contextFor(db)).overlays);
    const workflowId = caseWorkflowId(caseId);
    try {
      await temporal.workflow.start<typeof caseWorkflow>('caseWorkflow', {
        taskQueue,
        workflowId,
        // A case id is never reused once a case was opened under it (not even after closure); an opening
        // that failed leaves the id free for the corrected intake.
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        args: [{ intake, rulePack: RULE_PACK.version, searchAttributes: await searchAttributesOn() }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'conflict', `a case '${caseId}' already exists`, 'caseId');
      throw err;
    }
    await opened(caseId);
    return { id: caseId, workflowId, case: await loadCaseView(db, user, caseId, lang, links) };
  }

  async function recordEvent(user: AuthUser, caseId: string, body: EventBody, lang: Lang, key?: string): Promise<CaseView> {
    const row = await findCase(db, user, caseId);
    assertCan(user, body.type === 'assignment_changed' ? 'reassign' : 'record_event');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', `the case is closed (${row.close_reason ?? 'closed'}); no event can be recorded`, 'type');
    if (body.type === 'assignment_changed') await assertAssignable('userId', body.userId, body.role);
    const event: CaseEvent = CaseEventSchema.parse({ ...body, recordedBy: user.id });
    let state: CaseState;
    try {
      state = await handle(row.id).executeUpdate(recordEventUpdate, { args: [event], updateId: updateIdFor(user, key) });
    } catch (err) {
      throw fromTemporal(err, row.id);
    }
    const view = await afterUpdate(user, row.id, state, lang);
    if (event.type === 'assignment_changed') {
      const from = { caseworker: row.caseworker_id, supervisor: row.supervisor_id, lawyer: row.lawyer_id }[event.role];
      await notifyReassignment({ db, temporal, taskQueue, publicUrl: links.publicUrl, logger: deps.logger }, { caseId: row.id, seq: state.seq, from, to: event.userId, by: user.id, reason: event.note });
    }
    return view;
  }

  async function escalate(user: AuthUser, caseId: string, body: EscalationBody, lang: Lang, key?: string): Promise<CaseView> {
    const row = await findCase(db, user, caseId);
    assertCan(user, 'escalate');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', 'the case is closed', 'type');
    let state: CaseState;
    try {
      state = await handle(row.id).executeUpdate(escalateUpdate, { updateId: updateIdFor(user, key), args: [{ by: user.id, reason: body.reason, deadlineId: body.deadlineId }] });
    } catch (err) {
      throw fromTemporal(err, row.id);
    }
    return afterUpdate(user, row.id, state, lang);
  }

  /** "I'm on it" on one series, for the caller (or, by the case's supervisor, for a person of the case). */
  async function acknowledge(user: AuthUser, publicId: string, body: AcknowledgeBody, lang: Lang, key?: string): Promise<CaseView> {
    const { row, deadlineId } = await deadlineOf(user, publicId);
    assertCan(user, 'acknowledge');
    const h = handle(row.id);
    let series = body.series;
    if (!series) {
      const state = await h.query(stateQuery).catch((err) => Promise.reject(fromTemporal(err, row.id)));
      series = seriesToAcknowledge(state, deadlineId, body.for ?? user.id, body.for && body.for !== user.id ? 'caseworker' : user.role, Date.now());
      if (!series) throw new ApiError(422, 'invalid_event', `nothing of ${deadlineId} has been sent to ${body.for ?? user.id} yet`, 'series');
    }
    let state: CaseState;
    try {
      state = await h.executeUpdate(acknowledgeUpdate, {
          updateId: updateIdFor(user, key),
        args: [{ deadlineId, series, by: user.id, byRole: user.role as AckRole, ...(body.for ? { for: body.for } : {}) }],
      });
    } catch (err) {
      throw fromTemporal(err, row.id);
    }
    return afterUpdate(user, row.id, state, lang);
  }

  /** The case's supervisor (or a director) takes an acknowledgement back: that person's repeats resume. */
  async function withdrawAcknowledgement(user: AuthUser, publicId: string, body: WithdrawAckBody, lang: Lang, key?: string): Promise<CaseView> {
    const { row, deadlineId } = await deadlineOf(user, publicId);
    assertCan(user, 'withdraw_acknowledgement');
    let state: CaseState;
    try {
      state = await handle(row.id).executeUpdate(withdrawAckUpdate, { updateId: updateIdFor(user, key), args: [{ deadlineId, ...body, by: user.id, byRole: user.role as AckRole }] });
    } catch (err) {
      throw fromTemporal(err, row.id);
    }
    return afterUpdate(user, row.id, state, lang);
  }


  /** Correct or void a recorded event, by the roles that may record it; the workflow recounts the case. */
  async function correctEvent(user: AuthUser, caseId: string, seq: number, body: { reason: string; event?: EventBody }, lang: Lang, key?: string): Promise<CaseView> {
    const row = await findCase(db, user, caseId);
    const entry = await db.selectFrom('case_timeline').select('type').where('case_id', '=', row.id).where('seq', '=', seq).executeTakeFirst();
    if (!entry || !(CASE_EVENT_TYPES as string[]).includes(entry.type)) throw notFound(`no event #${seq} on case '${row.id}'`);
    assertCan(user, entry.type === 'assignment_changed' ? 'reassign' : 'record_event');
    if (row.closed_at) throw new ApiError(422, 'invalid_event', `the case is closed (${row.close_reason ?? 'closed'}); its events cannot be corrected`, 'eventSeq');
    let event: CaseEvent | undefined;
    if (body.event) {
      if (body.event.type === 'assignment_changed') await assertAssignable('event.userId', body.event.userId, body.event.role);
      notInFuture('event.occurredAt', body.event.occurredAt);
      event = CaseEventSchema.parse({ ...body.event, recordedBy: user.id });
    }
    let state: CaseState;
    try {
      state = await handle(row.id).executeUpdate(correctEventUpdate, {
        updateId: updateIdFor(user, key),
        args: [{ eventSeq: seq, action: event ? 'correct' : 'void', ...(event ? { event } : {}), reason: body.reason, by: user.id }],
      });
    } catch (err) {
      throw fromTemporal(err, row.id);
    }
    return afterUpdate(user, row.id, state, lang);
  }

  return {
    async correctEvent(user: AuthUser, caseId: string, seq: number, body: CorrectionBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['correct', caseId, seq, body], () => correctEvent(user, caseId, seq, body, lang, opts.idempotencyKey));
    },

    /** The web's correction: the same event on another day (or instant); its other details as recorded. */
    async correctEventDate(user: AuthUser, caseId: string, seq: number, when: (wasInstant: boolean) => string, reason: string, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      const row = await findCase(db, user, caseId);
      const state = await handle(row.id).query(stateQuery).catch((err) => Promise.reject(fromTemporal(err, row.id)));
      const original = state.events?.find((x) => x.seq === seq)?.event;
      if (!original) throw new ApiError(422, 'invalid_event', `no event in force recorded as #${seq} on this case`, 'eventSeq');
      const { recordedBy: _recordedBy, ...rest } = original;
      const event = { ...rest, occurredAt: when(original.occurredAt.includes('T')) } as EventBody;
      return once(user, opts.idempotencyKey, ['correct', caseId, seq, { reason, event }], () => correctEvent(user, caseId, seq, { reason, event }, lang, opts.idempotencyKey));
    },

    async voidEvent(user: AuthUser, caseId: string, seq: number, body: VoidBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['void', caseId, seq, body], () => correctEvent(user, caseId, seq, { reason: body.reason }, lang, opts.idempotencyKey));
    },

    async openCase(user: AuthUser, body: OpenCaseBody, lang: Lang, opts: WriteOptions = {}): Promise<{ id: string; workflowId: string; case: CaseView }> {
      return once(user, opts.idempotencyKey, ['open_case', body], () => openCase(user, body, lang));
    },

    async recordEvent(user: AuthUser, caseId: string, body: EventBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['event', caseId, body], () => recordEvent(user, caseId, body, lang, opts.idempotencyKey));
    },

    async escalate(user: AuthUser, caseId: string, body: EscalationBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['escalate', caseId, body], () => escalate(user, caseId, body, lang, opts.idempotencyKey));
    },

    async acknowledge(user: AuthUser, publicId: string, body: AcknowledgeBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['acknowledge', publicId, body], () => acknowledge(user, publicId, body, lang, opts.idempotencyKey));
    },

    async withdrawAcknowledgement(user: AuthUser, publicId: string, body: WithdrawAckBody, lang: Lang, opts: WriteOptions = {}): Promise<CaseView> {
      return once(user, opts.idempotencyKey, ['withdraw_acknowledgement', publicId, body], () => withdrawAcknowledgement(user, publicId, body, lang, opts.idempotencyKey));
    },

    /** An overlay entered wrong: its body replaced (the old one kept on the row), every case it touched or touches recounted. */
    async correctOverlay(user: AuthUser, id: string, body: OverlayCorrectionBody): Promise<{ overlay: unknown; casesNotified: string[] }> {
      assertCan(user, 'manage_overlays');
      const row = await addedOverlay(id);
      const overlay = OverlaySchema.parse(body.overlay);
      if (overlay.id !== id) throw new ApiError(422, 'invalid_request', `a correction keeps the id '${id}'`, 'overlay.id');
      const corrections = [...((row.corrections ?? []) as unknown[]), { at: new Date().toISOString(), by: user.id, reason: body.reason, previous: row.body }];
      await db.updateTable('overlays').set({ body: JSON.stringify(overlay), corrections: JSON.stringify(corrections) }).where('id', '=', id).execute();
      return { overlay, casesNotified: await signalCasesTouching([row.body as Overlay, overlay]) };
    },

    /** An overlay that should not count: withdrawn (kept, with who and why), every case it touched recounted. */
    async withdrawOverlay(user: AuthUser, id: string, reason: string): Promise<{ overlay: unknown; casesNotified: string[] }> {
      assertCan(user, 'manage_overlays');
      const row = await addedOverlay(id);
      await db.updateTable('overlays').set({ withdrawn_at: new Date(), withdrawn_by: user.id, withdraw_reason: reason }).where('id', '=', id).execute();
      return { overlay: row.body, casesNotified: await signalCasesTouching([row.body as Overlay]) };
    },

    /** Stores a DOF closure or suspension and tells every open case whose live deadlines it may move. */
    async addOverlay(user: AuthUser, body: OverlayBody): Promise<{ overlay: unknown; casesNotified: string[] }> {
      assertCan(user, 'manage_overlays');
      const overlay = OverlaySchema.parse(body);
      const taken =
        SEED_OVERLAYS.some((o) => o.id === overlay.id) || (await db.selectFrom('overlays').select('id').where('id', '=', overlay.id).executeTakeFirst());
      if (taken) throw new ApiError(409, 'conflict', `an overlay '${overlay.id}' already exists`, 'id');
      await db.insertInto('overlays').values({ id: overlay.id, body: JSON.stringify(overlay), created_by: user.id }).execute();
      const notified = await signalCasesTouching([overlay]);
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
