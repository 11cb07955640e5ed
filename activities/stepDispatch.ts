/**
 * The dispatcher's activities (workflows/stepDispatcher.ts): which way new cases send their steps, and one
 * round of sending what the outbox says is due, across cases, each person one email per few steps.
 */
import { Context } from '@temporalio/activity';
import type { Db } from '../db/database';
import { dueOutboxSteps, markOutbox, nextOutboxInstant } from '../db/stepOutbox';
import type { DeliveryInput, DeliveryResult } from './deliveries';

export interface DispatchRound {
  /** Steps whose every recipient's message is in the ledger as sent (now, or before by the case). */
  sent: number;
  /** Steps left to their case (an email refused): the case's own timer and retries take them. */
  givenUp: number;
  /** The round took as many as it may: more may be due now. */
  more: boolean;
  /** The next instant a step is due (epoch ms), or null with none pending. */
  nextAt: number | null;
}

export interface DispatchDeps {
  db: Db;
  /** Whether cases opened from now on send their steps through the dispatcher (PLAZO_STEP_DISPATCHER). */
  dispatcher: boolean;
  sendStepsAcrossCases(inputs: DeliveryInput[], perEmail: number): Promise<({ result: DeliveryResult } | { error: string })[]>;
}

export function createStepDispatchActivities({ db, dispatcher, sendStepsAcrossCases }: DispatchDeps) {
  return {
    /** Read once when a case opens (its answer is in the case's history, so a replay keeps the case's way). */
    async stepsMode(): Promise<{ dispatcher: boolean }> {
      return { dispatcher };
    },

    /**
     * Sends the steps due at `at` (workflow time) that are not sent: at most `limit`, at most `perEmail` to a
     * person in one email. Each step keeps its own ledger key per person, so a step its case sent already, or a
     * round retried after a worker died, sends nothing twice. An email refused leaves its steps to their cases.
     */
    async dispatchDueSteps({ at, limit, perEmail }: { at: number; limit: number; perEmail: number }): Promise<DispatchRound> {
      const rows = await dueOutboxSteps(db, new Date(at), limit);
      let sent = 0;
      let givenUp = 0;
      if (rows.length > 0) {
        // A round is seconds of SMTP: the heartbeat lets another worker take it soon after this one dies.
        const ctx = Context.current();
        const beat = setInterval(() => ctx.heartbeat(), 2_000);
        try {
          const outcomes = await sendStepsAcrossCases(rows.map((r) => ({ ...r.input, firedAt: at })), perEmail);
          const ok = rows.filter((_, i) => 'result' in outcomes[i]!).map((r) => r.idempotency_base);
          const failed = rows.filter((_, i) => 'error' in outcomes[i]!).map((r) => r.idempotency_base);
          await markOutbox(db, ok, 'sent_at', new Date());
          await markOutbox(db, failed, 'given_up_at', new Date());
          sent = ok.length;
          givenUp = failed.length;
        } finally {
          clearInterval(beat);
        }
      }
      return { sent, givenUp, more: rows.length === limit, nextAt: await nextOutboxInstant(db) };
    },
  };
}
