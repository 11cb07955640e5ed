import { Context } from '@temporalio/activity';
import type { Transporter } from 'nodemailer';
import type { Assignments } from '../domain/case/events';
import type { ReassignmentNotice } from '../domain/case/reassignment';
import type { MovedDelivery } from '../domain/case/recount';
import { renderMovedMessage } from '../domain/messages/movedMessage';
import type { Role } from '../domain/ladder/policy';
import { renderReassignmentMessage } from '../domain/messages/reassignmentMessage';
import { renderStepMessage, type StepMessageInput } from '../domain/messages/stepMessage';
import { remainingContext, remainingOf, type RemainingContext } from '../domain/remaining';
import type { Db } from '../db/database';
import type { User } from '../db/schema';
import { loadOverlays } from '../db/overlays';
import { isLiveDeadline } from '../db/queries/liveDeadlines';
import type { DueClose } from '../domain/case/state';
import { ACK_LINK_TTL_MS, issueAckLinks } from '../db/ackLinks';
import { recordInAppNotice, sendIdempotentEmail, sendIdempotentEmails } from './notifications';
import type { NotificationRequest } from './notificationRequest';
import { assignedPeopleOf, ledgerKey } from '../domain/case/stepInput';
import { latestSent, sentTimes } from '../db/ledgerSent';
import { mostPressingFirst, renderStepsMessage } from '../domain/messages/stepsMessage';
import type { Lang } from '../domain/messages/catalogue';

export interface DeliveryInput {
  caseId: string;
  /** Case, deadline, due instant and step: with the recipient appended, the message's idempotency key. */
  idempotencyBase: string;
  kind: StepMessageInput['kind'] | 'reassigned' | 'moved';
  recipients: Role[];
  assignments: Assignments;
  /** Workflow time when the step fired: the message says how much time is left as of then. */
  firedAt: number;
  deadline?: {
    deadlineId: string;
    ruleId: string;
    title: string;
    citation: string;
    due: string;
    dueLatest: string;
    dueInstant: string;
    reason?: string;
    explanation?: string;
    kind: 'law' | 'program_target';
    unit: string;
    calendar: string;
  };
  stepId?: string;
  /** The ladder instant of the step (epoch ms). */
  stepAt?: number;
  reason?: string;
  /** An escalation of a breach: the email gives the rule's reason in the reader's language. */
  breach?: boolean;
  by?: string;
  /** The case's office: its DOF overlays count in the time left. */
  office?: string;
  /** People who acknowledged this series: not sent to them (the others still get it). */
  except?: string[];
  /** kind 'summary': the deadlines still open whose earlier steps were not sent (before the case was in Plazo). */
  summary?: (NonNullable<DeliveryInput['deadline']> & { status: string })[];
  /** kind 'reassigned': told to the new holder and the one who held the case, by person (the key says which side). */
  reassignment?: Pick<ReassignmentNotice, 'role' | 'from' | 'to'>;
  /** kind 'moved': a recount moved the deadline; from what, and which acuerdo (domain/case/recount.ts). */
  moved?: MovedDelivery['moved'];
  /** The case's steps go through the dispatcher (state.stepsBy): one it sent already is noted from the ledger. */
  dispatched?: true;
}

export interface DeliveryResult {
  sent: { role: Role; userId: string; outcome: 'sent' | 'already_sent' }[];
  /** Roles with nobody to tell (unassigned, or no active director). */
  unreachable: Role[];
  /**
   * When the dispatcher sent it (the latest of its people's, ISO), for a step answered from the ledger: the case
   * notes it on its timeline at that time, not when it woke to note it (hours later for a case that notes later).
   */
  sentAt?: string;
}

/** The kinds that are a ladder series a person can acknowledge. */
const ACK_SERIES: string[] = ['reminder', 'alarm', 'due', 'overdue', 'director'];

/** After this many failed attempts the supervisor hears of it in the app, while retries go on. */
export const ESCALATE_DELIVERY_AFTER_ATTEMPTS = 3;

export function createDeliveryActivities(deps: { db: Db; mailer: Transporter; from: string; publicUrl: string }) {
  const { db } = deps;

  /**
   * The people of the messages in one query: the holders (and whoever escalated or reassigned), by name
   * so no email shows an id, and the directors when a step is for them.
   */
  async function usersFor(inputs: DeliveryInput[]): Promise<User[]> {
    const ids = [...new Set(inputs.flatMap(holderIdsOf))];
    const wantDirectors = inputs.some((i) => i.recipients.includes('director'));
    return db
      .selectFrom('users')
      .selectAll()
      .where((eb) => (wantDirectors ? eb.or([eb('id', 'in', ids), eb('role', '=', 'director')]) : eb('id', 'in', ids)))
      .orderBy('id')
      .execute();
  }

  function holderIdsOf(input: DeliveryInput): string[] {
    const moved = input.reassignment;
    return [input.assignments.caseworker, input.assignments.supervisor, input.assignments.lawyer, ...(input.by ? [input.by] : []), ...(moved ? [moved.to, moved.from] : [])];
  }

  /**
   * The recipients of a message in the order of its roles, each person once, those who acknowledged left
   * out; of a reassignment, the new holder and then the one who held the case.
   */
  function peopleOf(input: DeliveryInput, rows: User[]) {
    const moved = input.reassignment;
    const byId = new Map(rows.map((r) => [r.id, r]));
    const targets: { role: Role; user: User; side?: 'to' | 'from' }[] = [];
    for (const [side, id] of moved ? ([['to', moved.to], ['from', moved.from]] as const) : []) {
      const user = byId.get(id);
      if (user?.active) targets.push({ role: moved!.role, user, side });
    }
    for (const role of input.recipients) {
      const users = role === 'director' ? rows.filter((u) => u.role === 'director') : [byId.get(input.assignments[role])].filter((u): u is User => !!u);
      for (const user of users) if (user.active && !targets.some((o) => o.user.id === user.id) && !input.except?.includes(user.id)) targets.push({ role, user });
    }
    const name = (id: string) => byId.get(id)?.name ?? id;
    return { targets, name, holders: { caseworker: name(input.assignments.caseworker), supervisor: name(input.assignments.supervisor), lawyer: name(input.assignments.lawyer) } };
  }

  /** A role left without recipients only because they acknowledged is not "nobody to tell". */
  function acknowledgedAll(input: DeliveryInput, role: Role): boolean {
    return !!input.except?.length && (role === 'director' || input.except.includes(input.assignments[role]));
  }

  /** The time left as of when the step fired: the same computation as the case page and the API. */
  function remaining(input: DeliveryInput, ctx: RemainingContext | undefined, lang: Lang): string | undefined {
    const d = input.deadline;
    if (!d || !ctx) return undefined;
    return remainingOf(ctx, { status: 'open', unit: d.unit, calendar: d.calendar, ruleId: d.ruleId, due: d.due, dueInstant: d.dueInstant, office: input.office ?? null }, lang)?.text;
  }

  /** A manual escalation without a deadline, and a reassignment, list what is at stake on the case (read model, danger first). */
  async function liveDeadlinesOf(caseId: string) {
    const rows = await db
      .selectFrom('case_deadlines')
      .select(['rule_id', 'title', 'citation', 'due', 'due_instant', 'unit', 'status', 'filing'])
      .where('case_id', '=', caseId)
      .where(isLiveDeadline())
      .orderBy('due_instant')
      .execute();
    return rows.map((r) => ({ ruleId: r.rule_id, title: r.title, citation: r.citation, due: r.due, dueInstant: r.due_instant.toISOString(), unit: r.unit, filing: (r.filing ?? null) as DueClose | null, missed: r.status === 'missed' }));
  }

  /**
   * The one-click links of the ladder steps, one per step and person, in one statement: each acknowledges
   * that series of that deadline for that person only.
   */
  async function ackLinksFor(wanted: { input: DeliveryInput; userIds: string[] }[]): Promise<Map<string, { link: string; expiresAt: string }>[]> {
    const purposes = wanted.map(({ input, userIds }) => {
      const d = input.deadline;
      if (!d || !ACK_SERIES.includes(input.kind)) return [];
      const expiresAt = new Date((input.stepAt ?? input.firedAt) + ACK_LINK_TTL_MS);
      return userIds.map((userId) => ({ userId, caseId: input.caseId, deadlineId: d.deadlineId, series: input.kind, expiresAt }));
    });
    const tokens = await issueAckLinks(db, purposes.flat());
    let next = 0;
    return purposes.map((ps) => new Map(ps.map((p) => [p.userId, { link: `${deps.publicUrl}/ack/${tokens[next++]!}`, expiresAt: p.expiresAt.toISOString() }])));
  }

  return {
    deliverStep,
    /**
     * The steps of one case that fell due together (at 09:00 a detained child's case has two), in one
     * activity task: a person who is told of several gets one email listing them (each with its own link
     * and its own ledger key, each still at most once); the people's emails go out side by side. One that
     * fails fails the attempt once the others are done; the retry sends only what is still unsent.
     */
    async deliverSteps(all: DeliveryInput[]): Promise<DeliveryResult[]> {
      // What the dispatcher sent is answered from the ledger: nothing rendered, no link issued, no row locked.
      const noted = await sentByDispatcher(all);
      const inputs = all.filter((_, i) => !noted.has(i));
      if (inputs.length === 0) return all.map((_, i) => noted.get(i)!);
      const { prepared, mails, outcomes } = await sendGrouped(inputs);
      const failed = outcomes.findIndex((o) => o.status === 'rejected');
      if (failed >= 0) {
        const err = (outcomes[failed] as PromiseRejectedResult).reason as Error;
        if (Context.current().info.attempt >= ESCALATE_DELIVERY_AFTER_ATTEMPTS) {
          // The supervisor hears of each step that did not reach someone.
          const steps = new Set(mails.flatMap((mine, i) => (outcomes[i]!.status === 'rejected' ? mine.map((x) => x.step) : [])));
          for (const step of steps) await escalateFailure(inputs[step]!, err);
        }
        throw err;
      }
      const results = resultsOf(prepared, outcomes) as DeliveryResult[];
      let next = 0;
      return all.map((_, i) => noted.get(i) ?? results[next++]!);
    },
    /**
     * The dispatcher's round (workflows/stepDispatcher.ts): steps of many cases, each person one email per
     * `perEmail` steps, most pressing first. Never throws for a refused email: each step says whether all its
     * people were reached (`result`) or not (`error`), and the caller leaves the ones not reached to their case.
     */
    async sendStepsAcrossCases(inputs: DeliveryInput[], perEmail: number): Promise<({ result: DeliveryResult } | { error: string })[]> {
      const { prepared, mails, outcomes } = await sendGrouped(inputs, perEmail);
      const failedSteps = new Map<number, string>();
      mails.forEach((mine, i) => {
        const o = outcomes[i]!;
        if (o.status === 'rejected') for (const x of mine) failedSteps.set(x.step, (o.reason as Error).message);
      });
      const results = resultsOf(prepared, outcomes, failedSteps);
      return results.map((r, step) => (failedSteps.has(step) ? { error: failedSteps.get(step)! } : { result: r! }));
    },
  };

  type Sent = { step: number; sent: DeliveryResult['sent'][number] };

  /**
   * The steps of a case whose steps the dispatcher sends with every person they are for in the ledger as sent
   * (by the dispatcher, or by the case before): who they reached, read from the ledger's keys, the answer the
   * full path would give. Any doubt (a director's step, a key missing: someone inactive, a message unsent)
   * leaves the step to the full path, which knows the rest.
   */
  async function sentByDispatcher(inputs: DeliveryInput[]): Promise<Map<number, DeliveryResult>> {
    const found = new Map<number, DeliveryResult>();
    const expected = inputs
      .map((input, i) => ({ input, i }))
      .filter(({ input }) => input.dispatched && input.stepId)
      .flatMap(({ input, i }) => {
        const people = assignedPeopleOf(input);
        return people ? [{ i, people: people.map((p) => ({ ...p, key: ledgerKey(input.idempotencyBase, p.role, p.userId) })) }] : [];
      });
    const keys = expected.flatMap((e) => e.people.map((p) => p.key));
    if (keys.length === 0) return found;
    const inLedger = await sentTimes(db, keys);
    for (const e of expected) {
      if (e.people.length === 0 || !e.people.every((p) => inLedger.has(p.key))) continue;
      const sentAt = latestSent(inLedger, e.people.map((p) => p.key));
      found.set(e.i, { sent: e.people.map((p) => ({ role: p.role, userId: p.userId, outcome: 'already_sent' as const })), unreachable: [], ...(sentAt > 0 ? { sentAt: new Date(sentAt).toISOString() } : {}) });
    }
    return found;
  }

  /**
   * The messages prepared and sent: one email per person for the steps that say themselves in step words
   * (at most `perEmail` in one, most pressing first), any other message alone; the emails side by side.
   */
  async function sendGrouped(inputs: DeliveryInput[], perEmail = Infinity) {
    const prepared = await prepareAll(inputs);
    const groups = new Map<string, { step: number; out: Outgoing }[]>();
    prepared.forEach((p, step) =>
      p.outgoing.forEach((out, i) => {
        const k = out.words ? out.user.id : `${out.user.id}#${step}/${i}`;
        groups.set(k, [...(groups.get(k) ?? []), { step, out }]);
      }),
    );
    const mails = [...groups.values()].flatMap((mine) => (mine.length <= perEmail ? [mine] : chunks(mostPressingFirst(mine.map((x) => ({ ...x, deadline: x.out.words?.deadline }))), perEmail)));
    const outcomes = await Promise.allSettled(
      mails.map(async (mine): Promise<Sent[]> => {
        const results =
          mine.length === 1
            ? [await sendIdempotentEmail(deps, mine[0]!.out.request)]
            : await sendIdempotentEmails(deps, mine.map((x) => x.out.request), (unsent) =>
                renderStepsMessage(mine.filter((x) => unsent.some((u) => u.idempotencyKey === x.out.request.idempotencyKey)).map((x) => x.out.words!)),
              );
        return mine.map((x, i) => ({ step: x.step, sent: { role: x.out.role, userId: x.out.user.id, outcome: results[i]!.outcome } }));
      }),
    );
    return { prepared, mails, outcomes };
  }

  /** Each step's people in the order deliverStep gives them; a step in `skip` (not all reached) has none. */
  function resultsOf(prepared: { outgoing: Outgoing[]; unreachable: Role[] }[], outcomes: PromiseSettledResult<Sent[]>[], skip?: Map<number, string>): (DeliveryResult | undefined)[] {
    const sent = new Map(outcomes.flatMap((o) => (o.status === 'fulfilled' ? o.value : [])).map((x) => [`${x.step}/${x.sent.userId}`, x.sent]));
    return prepared.map((p, step) => (skip?.has(step) ? undefined : { sent: p.outgoing.map((out) => sent.get(`${step}/${out.user.id}`)!), unreachable: p.unreachable }));
  }

  /** A message of a step to one person: the ledger's request and, for a ladder step, the words to list it among others. */
  interface Outgoing {
    role: Role;
    user: User;
    request: NotificationRequest;
    words?: StepMessageInput;
  }

  /**
   * Who each message goes to, and what each person reads (rendered, with their one-click links issued):
   * the people, the DOF overlays and the links read or written once for all the messages.
   */
  async function prepareAll(inputs: DeliveryInput[]): Promise<{ outgoing: Outgoing[]; unreachable: Role[] }[]> {
    const rows = await usersFor(inputs);
    const people = inputs.map((input) => peopleOf(input, rows));
    // A link is made each attempt, as before: an unused one expires.
    const [overlays, live, acks] = await Promise.all([
      inputs.some((i) => i.deadline) ? loadOverlays(db) : undefined,
      Promise.all(inputs.map((i) => ((i.kind === 'escalation' && !i.deadline) || i.kind === 'reassigned' ? liveDeadlinesOf(i.caseId) : undefined))),
      ackLinksFor(inputs.map((input, k) => ({ input, userIds: people[k]!.targets.map((t) => t.user.id) }))),
    ]);
    return inputs.map((input, k) => render(input, people[k]!, input.deadline && overlays ? remainingContext(overlays, new Date(input.firedAt)) : undefined, live[k], acks[k]!));
  }

  function render(
    input: DeliveryInput,
    people: ReturnType<typeof peopleOf>,
    ctx: RemainingContext | undefined,
    liveDeadlines: Awaited<ReturnType<typeof liveDeadlinesOf>> | undefined,
    acks: Map<string, { link: string; expiresAt: string }>,
  ): { outgoing: Outgoing[]; unreachable: Role[] } {
    const { targets } = people;
    const unreachable = input.recipients.filter((r) => !targets.some((t) => t.role === r) && !acknowledgedAll(input, r));
    const link = `${deps.publicUrl}/cases/${encodeURIComponent(input.caseId)}`;
    const outgoing = targets.map(({ role, user, side }): Outgoing => {
      // A reassignment's targets each carry their side (peopleOf).
      const words: StepMessageInput | undefined =
        input.kind === 'moved' || input.kind === 'reassigned'
          ? undefined
          : {
              lang: user.language,
              caseId: input.caseId,
              link,
              kind: input.kind,
              deadline: input.deadline,
              remaining: remaining(input, ctx, user.language),
              summary: input.summary?.map((d) => ({ ...d, missed: d.status === 'missed' })),
              reason: input.reason,
              ...(input.breach ? { breach: true } : {}),
              by: input.by ? people.name(input.by) : undefined,
              recipient: { name: user.name, zone: user.time_zone },
              people: people.holders,
              ack: acks.get(user.id),
              liveDeadlines,
            };
      const message = words
        ? renderStepMessage(words)
        : input.kind === 'moved'
          ? renderMovedMessage({ lang: user.language, zone: user.time_zone, caseId: input.caseId, link, recipientName: user.name, deadline: input.deadline!, moved: input.moved! })
          : renderReassignmentMessage({
              lang: user.language,
              zone: user.time_zone,
              caseId: input.caseId,
              link,
              side: side!,
              recipientName: user.name,
              newHolderName: people.name(input.reassignment!.to),
              byName: people.name(input.by ?? ''),
              reason: input.reason,
              liveDeadlines: liveDeadlines ?? [],
            });
      const request: NotificationRequest = {
        idempotencyKey: ledgerKey(input.idempotencyBase, side ?? role, user.id),
        caseId: input.caseId,
        deadlineId: input.deadline?.deadlineId,
        step: input.stepId ?? input.kind,
        recipient: user.email,
        language: user.language,
        scheduledFor: input.stepAt !== undefined ? new Date(input.stepAt).toISOString() : undefined,
        ...message,
      };
      return { role, user, request, words };
    });
    return { outgoing, unreachable };
  }

  /**
   * One ladder step (or a manual escalation, or a reassignment) to every recipient, each message at most
   * once. The people's messages go out side by side (each holds its own ledger row); one that fails fails
   * the attempt, and the retry sends only what is still unsent.
   */
  async function deliverStep(input: DeliveryInput): Promise<DeliveryResult> {
    const [{ outgoing, unreachable }] = (await prepareAll([input])) as [{ outgoing: Outgoing[]; unreachable: Role[] }];
    const outcomes = await Promise.allSettled(
      outgoing.map(async ({ role, user, request }) => ({ role, userId: user.id, outcome: (await sendIdempotentEmail(deps, request)).outcome })),
    );
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) {
      const err = failed.reason as Error;
      if (Context.current().info.attempt >= ESCALATE_DELIVERY_AFTER_ATTEMPTS) await escalateFailure(input, err);
      throw err;
    }
    return { sent: outcomes.map((o) => (o as PromiseFulfilledResult<DeliveryResult['sent'][number]>).value), unreachable };
  }

  async function escalateFailure(input: DeliveryInput, err: Error): Promise<void> {
    const supervisor = await db.selectFrom('users').selectAll().where('id', '=', input.assignments.supervisor).executeTakeFirst();
    const lang = supervisor?.language ?? 'es';
    const message = renderStepMessage({
      lang,
      caseId: input.caseId,
      link: `${deps.publicUrl}/cases/${encodeURIComponent(input.caseId)}`,
      kind: 'delivery_failed',
      deadline: input.deadline,
      reason: `${input.stepId ?? input.kind}: ${err.message}`,
    });
    await recordInAppNotice(db, {
      idempotencyKey: `${input.idempotencyBase}/delivery-failed`,
      caseId: input.caseId,
      deadlineId: input.deadline?.deadlineId,
      step: input.stepId,
      recipient: input.assignments.supervisor,
      language: lang,
      ...message,
    });
  }
}

/** `xs` in runs of at most `n`, in order. */
function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
